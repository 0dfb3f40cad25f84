import ArgumentParser
import Convolve

/// A named kernel on the command line: `gaussian:sigma=2[,size=9][,truncate=4]`,
/// `box:size=5`, `sobel:x`, `sobel:y`, `sobel` (gradient magnitude), `scharr:x|y`,
/// `scharr`, `laplacian`, `log:sigma=1.4[,size=…]`, `gaussian5x5` (the textbook table).
struct KernelSpec: ExpressibleByArgument, CustomStringConvertible {
    enum Kind: Equatable { case kernel, magnitude }
    let text: String
    let name: String
    let parameters: [String: Double]
    let axis: FilterKernels.Axis?

    init?(argument: String) {
        text = argument
        let parts = argument.split(separator: ":", maxSplits: 1).map(String.init)
        name = parts[0].lowercased()
        var parameters: [String: Double] = [:], axis: FilterKernels.Axis?
        if parts.count == 2 {
            for item in parts[1].split(separator: ",") {
                let pair = item.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 1, let a = FilterKernels.Axis(rawValue: pair[0]) { axis = a; continue }
                guard pair.count == 2, let v = Double(pair[1]) else { return nil }
                parameters[pair[0]] = v
            }
        }
        guard ["gaussian", "box", "sobel", "scharr", "laplacian", "log", "gaussian5x5"].contains(name) else { return nil }
        self.parameters = parameters
        self.axis = axis
    }

    var description: String { text }

    static var allValueStrings: [String] {
        ["gaussian:sigma=2", "box:size=5", "sobel", "sobel:x", "scharr:y", "laplacian", "log:sigma=1.4", "gaussian5x5"]
    }

    /// The kernels to apply: one, or the x and y derivatives whose magnitude is wanted.
    func kernels() throws -> (kernels: [Tensor<Double>], kind: Kind) {
        func required(_ key: String) throws -> Double {
            guard let v = parameters[key] else { throw ValidationError("--kernel \(name) needs \(key)=…, e.g. \(name):\(key)=2") }
            return v
        }
        let size = parameters["size"].map { Int($0) }
        switch name {
        case "gaussian":
            return ([try FilterKernels.gaussian(sigma: try required("sigma"), size: size,
                                                truncate: parameters["truncate"] ?? 4)], .kernel)
        case "box": return ([try FilterKernels.box(size: Int(try required("size")))], .kernel)
        case "sobel", "scharr":
            func make(_ a: FilterKernels.Axis) -> Tensor<Double> {
                name == "sobel" ? FilterKernels.sobel(a) : FilterKernels.scharr(a)
            }
            if let axis { return ([make(axis)], .kernel) }
            return ([make(.x), make(.y)], .magnitude)
        case "laplacian": return ([FilterKernels.laplacian()], .kernel)
        case "log":
            return ([try FilterKernels.laplacianOfGaussian(sigma: try required("sigma"), size: size,
                                                            truncate: parameters["truncate"] ?? 4)], .kernel)
        default: return ([FilterKernels.textbookGaussian5x5()], .kernel)
        }
    }
}
