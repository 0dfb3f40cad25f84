/// Spatial extents widened to three axes `(z, y, x)`, leading axes of extent 1 added for
/// 1-D and 2-D problems, so that each path writes one loop nest for every rank.
struct Extent3: Hashable, Sendable {
    var z: Int
    var y: Int
    var x: Int

    /// Widens `values` (1 to 3 entries, outermost first), filling leading axes with `fill`.
    /// Read in place, with no array made: the paths and the cost model widen their
    /// geometry many times a call.
    init(_ values: [Int], fill: Int = 1) {
        precondition((1...3).contains(values.count), "Extent3 takes 1 to 3 axes")
        let n = values.count
        (z, y, x) = (n == 3 ? values[0] : fill, n >= 2 ? values[n - 2] : fill, values[n - 1])
    }

    init(z: Int, y: Int, x: Int) { (self.z, self.y, self.x) = (z, y, x) }

    /// `z · y · x`.
    var volume: Int { z * y * x }
    /// Elements per z-slice, `y · x`.
    var slice: Int { y * x }

    /// The position whose row-major flat index (x fastest) in these extents is `index`.
    func position(_ index: Int) -> Extent3 {
        Extent3(z: index / (y * x), y: index / x % y, x: index % x)
    }
}

/// A ``ConvolutionGeometry`` widened to three spatial axes: what the paths read.
struct Geometry3 {
    let input: Extent3
    private(set) var padded: Extent3
    private(set) var kernel: Extent3
    let output: Extent3
    private(set) var stride: Extent3
    let dilation: Extent3
    let before: Extent3
    let boundary: Boundary

    init(_ g: ConvolutionGeometry) {
        input = Extent3(g.inputExtent)
        kernel = Extent3(g.kernelExtent)
        output = Extent3(g.outputExtent)
        stride = Extent3(g.stride)
        dilation = Extent3(g.dilation)
        before = Extent3(g.padBefore, fill: 0)
        // `paddedExtent` widened, without the array it would make.
        let after = Extent3(g.padAfter, fill: 0)
        padded = Extent3(z: input.z + before.z + after.z, y: input.y + before.y + after.y,
                         x: input.x + before.x + after.x)
        boundary = g.boundary
    }

    /// This geometry read through a window of `rows` × `columns` padded samples of a 2-D
    /// plane (`padded.z` is 1): the same geometry with `padded = (1, rows, columns)`, so
    /// offsets computed from it index a buffer holding just that window.
    func window(paddedRows rows: Int, columns: Int) -> Geometry3 {
        var copy = self
        copy.padded = Extent3(z: padded.z, y: rows, x: columns)
        return copy
    }

    /// This geometry read through one column phase of a stride along x (``DirectPath``'s
    /// planes): phase `φ` holds padded columns `φ, φ + s_x, φ + 2·s_x, …` as `columns`
    /// consecutive samples per row, and the taps `rx ≡ φ (mod s_x)` of a dilation-1 kernel
    /// read it at stride 1, as a kernel `taps` wide: `padded.x = columns`, `kernel.x = taps`,
    /// `stride.x = 1`, the rest unchanged.
    func columnPhase(taps: Int, columns: Int) -> Geometry3 {
        var copy = self
        copy.padded.x = columns
        copy.kernel.x = taps
        copy.stride.x = 1
        return copy
    }

    /// This geometry read through a slab of `slices` whole padded z-slices: the same
    /// geometry with `padded = (slices, padded.y, padded.x)`, so offsets computed from it
    /// index a buffer holding just that slab.
    func slab(slices: Int) -> Geometry3 {
        var copy = self
        copy.padded = Extent3(z: slices, y: padded.y, x: padded.x)
        return copy
    }

    /// The output rows and columns of a 2-D plane (`padded.z` is 1) whose taps all fall
    /// inside the input, so that they read the same samples whatever the padding and
    /// boundary: output `(y, x)` reads input rows `y·s_y + r·d_y − before_y` and columns
    /// `x·s_x + c·d_x − before_x`. Nil when there are none.
    var interior: (rows: Range<Int>, columns: Range<Int>)? {
        func inside(_ count: Int, _ n: Int, _ before: Int, _ k: Int, _ s: Int, _ d: Int) -> Range<Int> {
            // First o with o·s ≥ before, last with o·s + (k − 1)·d − before ≤ n − 1.
            let first = (before + s - 1) / s, reach = n - 1 + before - (k - 1) * d
            guard reach >= 0 else { return 0..<0 }
            let end = min(count, reach / s + 1)
            return first < end ? first..<end : 0..<0
        }
        let rows = inside(output.y, input.y, before.y, kernel.y, stride.y, dilation.y)
        let columns = inside(output.x, input.x, before.x, kernel.x, stride.x, dilation.x)
        guard padded.z == 1, !rows.isEmpty, !columns.isEmpty else { return nil }
        return (rows, columns)
    }

    /// The offset in the padded plane of the input sample under output `(oz, oy, 0)` and
    /// kernel tap `(rz, ry, rx)`: `((oz·sz + rz·dz)·Py + oy·sy + ry·dy)·Px + rx·dx`.
    @inline(__always)
    func paddedOffset(oz: Int, oy: Int, rz: Int, ry: Int, rx: Int) -> Int {
        ((oz &* stride.z &+ rz &* dilation.z) &* padded.y &+ oy &* stride.y &+ ry &* dilation.y) &* padded.x
            &+ rx &* dilation.x
    }
}
