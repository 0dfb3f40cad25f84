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

        /// zlib, for the deflate stream and CRC-32 of PNG files.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // MARK: - AVX2 + FMA kernels (C, dispatched at run time)

        /// The few hot loops Swift cannot compile for AVX2 + FMA without unsafe flags (the
        /// direct path's register-blocked row kernel, template matching's window
        /// statistics), per-function `target("avx2,fma")`.
        .target(name: "CVectorKernels"),

        // MARK: - The library

        .target(
            name: "Convolve",
            dependencies: ["CFFTW", "CBLAS", "CVectorKernels"]
        ),

        /// numpy's .npy format, read and written by the `conv` tool.
        .target(name: "NPYFiles"),
        /// PGM/PPM (read and write) and PNG (write) images for the `conv` tool.
        .target(name: "ImageFiles", dependencies: ["CZlib"]),

        // MARK: - Executables

        /// The `conv` command's logic, callable from tests.
        .target(
            name: "ConvCommand",
            dependencies: [
                "Convolve", "NPYFiles", "ImageFiles",
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
            dependencies: ["Convolve", "BenchCore", "ConvCommand", "NPYFiles", "ImageFiles", "CZlib"],
            exclude: ["Fixtures"]
        ),
    ]
)
