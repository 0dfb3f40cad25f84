// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Convolve",
    products: [
        .library(name: "Convolve", targets: ["Convolve"]),
        .executable(name: "bench", targets: ["bench"]),
        .executable(name: "conv", targets: ["conv"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: - System libraries (the only C the package touches)

        /// FFTW 3, single and double precision, with their thread libraries.
        .systemLibrary(
            name: "CFFTW",
            pkgConfig: "fftw3f",
            providers: [.apt(["libfftw3-dev"])]
        ),
        /// OpenBLAS through its CBLAS interface.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),

        // MARK: - The library

        .target(
            name: "Convolve",
            dependencies: ["CFFTW", "CBLAS"]
        ),

        /// numpy's .npy format, read and written by the `conv` tool.
        .target(name: "NPYFiles"),

        // MARK: - Executables

        /// The `conv` command's logic, callable from tests.
        .target(
            name: "ConvCommand",
            dependencies: [
                "Convolve", "NPYFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "conv", dependencies: ["ConvCommand"]),

        /// What the bench measures, callable from tests.
        .target(
            name: "BenchCore",
            dependencies: ["Convolve", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/BenchCore"
        ),
        .executableTarget(name: "bench", dependencies: ["BenchCore"], path: "Benchmarks/bench"),

        // MARK: - Tests

        .testTarget(
            name: "ConvolveTests",
            dependencies: ["Convolve", "BenchCore", "ConvCommand", "NPYFiles"],
            exclude: ["Fixtures"]
        ),
    ]
)
