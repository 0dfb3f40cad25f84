/// Transform lengths FFTW is fast at.
enum FastSize {
    /// The smallest `m ≥ n` of the form `2^a · 3^b · 5^c · 7^d`.
    static func atLeast(_ n: Int) -> Int {
        if n <= 1 { return 1 }
        var best = Int.max
        var p7 = 1
        while p7 < best {
            var p5 = p7
            while p5 < best {
                var p3 = p5
                while p3 < best {
                    // The smallest power of two that lifts p3 to at least n.
                    var m = p3
                    while m < n { m <<= 1 }
                    best = min(best, m)
                    if p3 >= n { break }
                    p3 *= 3
                }
                if p5 >= n { break }
                p5 *= 5
            }
            if p7 >= n { break }
            p7 *= 7
        }
        return best
    }
}
