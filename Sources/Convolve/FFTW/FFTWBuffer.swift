/// An `fftw_malloc`'d array of `count` scalars, freed with `fftw_free` when released.
/// Its alignment is FFTW's SIMD alignment, as the new-array execute functions require.
final class FFTWBuffer<T: FFTWScalar> {
    let pointer: UnsafeMutablePointer<T>
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = T.fftwAllocate(count: count)
    }

    deinit { T.fftwFree(pointer) }

    /// Offsets between sub-arrays are rounded up to a multiple of this many scalars
    /// (64 bytes for `Float`), so every sub-array keeps the buffer's alignment.
    static var alignedStride: Int { 64 / MemoryLayout<T>.stride }

    /// `count` rounded up to a multiple of ``alignedStride``.
    static func aligned(_ count: Int) -> Int {
        (count + alignedStride - 1) / alignedStride * alignedStride
    }
}
