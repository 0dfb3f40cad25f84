/// Whether the kernel is flipped.
///
/// - `convolution`: `y[i] = Σ_j x[j] · k[i − j]`, the kernel reversed along every axis
///   as it slides; commutative and associative; `F(x ∗ k) = F(x) · F(k)`.
/// - `correlation`: `y[i] = Σ_j x[i + j] · k[j]`, the kernel as given; what CNN layers
///   (ONNX Conv, torch conv2d) call "convolution".
///
/// They are tied by the flip identity `convolve(x, k) = correlate(x, flip(k))`.
public enum Semantics: String, Hashable, Sendable, CaseIterable {
    case convolution
    case correlation
}
