/// Reading and writing images by file extension: `.pgm`, `.ppm`, `.pnm` (read and write),
/// `.png` (write).
public enum ImageFile {
    public static func read(path: String) throws(ImageError) -> RasterImage {
        guard isNetpbm(path) else { throw .unsupportedFormat(path: path) }
        return try PNM.read(path: path)
    }

    public static func write(_ image: RasterImage, path: String) throws(ImageError) {
        if path.lowercased().hasSuffix(".png") { return try PNG.write(image, path: path) }
        guard isNetpbm(path) else { throw .unsupportedFormat(path: path) }
        try PNM.write(image, path: path)
    }

    /// True for the extensions ``read(path:)`` accepts.
    public static func isNetpbm(_ path: String) -> Bool {
        [".pgm", ".ppm", ".pnm"].contains { path.lowercased().hasSuffix($0) }
    }
}
