/// Extends one channel plane by the geometry's padding and boundary: the one padding
/// routine every path uses.
enum PaddedInput {
    /// Writes the plane `source` (extents `g.input`) extended to `g.padded` into
    /// `destination`, whose row-major extents `frame` are at least `g.padded` on every
    /// axis; positions of `frame` beyond `g.padded` are set to zero (the FFT path's
    /// zero-extension to a fast transform size).
    ///
    /// Padded position `p` reads input index `p − before` through ``Boundary/sourceIndex(_:length:)``.
    static func write<T: ConvolveScalar>(
        _ source: UnsafePointer<T>, into destination: UnsafeMutablePointer<T>,
        frame: Extent3, geometry g: Geometry3
    ) {
        let n = g.input, p = g.padded, before = g.before, boundary = g.boundary
        let fill = T(boundary.fillValue ?? 0)
        for z in 0..<frame.z {
            for y in 0..<frame.y {
                let row = destination + (z * frame.y + y) * frame.x
                guard z < p.z, y < p.y else {
                    row.update(repeating: 0, count: frame.x)
                    continue
                }
                guard let sz = boundary.sourceIndex(z - before.z, length: n.z),
                      let sy = boundary.sourceIndex(y - before.y, length: n.y) else {
                    row.update(repeating: fill, count: p.x)
                    (row + p.x).update(repeating: 0, count: frame.x - p.x)
                    continue
                }
                let sourceRow = source + (sz * n.y + sy) * n.x
                for x in 0..<before.x {
                    row[x] = boundary.sourceIndex(x - before.x, length: n.x).map { sourceRow[$0] } ?? fill
                }
                (row + before.x).update(from: sourceRow, count: n.x)
                for x in (before.x + n.x)..<p.x {
                    row[x] = boundary.sourceIndex(x - before.x, length: n.x).map { sourceRow[$0] } ?? fill
                }
                (row + p.x).update(repeating: 0, count: frame.x - p.x)
            }
        }
    }
}
