/// The header dictionary of a `.npy` file: `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`.
struct NPYHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    /// Parses the Python literal numpy writes (and any equivalent spacing, quoting or
    /// key order); a message names what is wrong.
    static func parse(_ text: String) throws(HeaderFailure) -> NPYHeader {
        var parser = LiteralParser(Array(text.unicodeScalars))
        guard case .dict(let entries) = try parser.parseValue() else {
            throw HeaderFailure("the header is not a Python dict literal")
        }
        guard case .string(let descr)? = entries["descr"] else { throw HeaderFailure("no 'descr' string") }
        guard case .bool(let fortran)? = entries["fortran_order"] else {
            throw HeaderFailure("no 'fortran_order' True/False")
        }
        guard case .tuple(let dims)? = entries["shape"] else { throw HeaderFailure("no 'shape' tuple") }
        var shape: [Int] = []
        for dim in dims {
            guard case .int(let n) = dim, n >= 0 else { throw HeaderFailure("'shape' must hold non-negative integers") }
            shape.append(n)
        }
        return NPYHeader(descr: descr, fortranOrder: fortran, shape: shape)
    }

    /// The header text numpy would write, padded with spaces and ended by a newline so that
    /// `prefixLength + text.count` is a multiple of 64.
    func text(prefixLength: Int) -> String {
        let dims = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var text = "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(dims), }"
        let total = prefixLength + text.utf8.count + 1
        text += String(repeating: " ", count: (64 - total % 64) % 64) + "\n"
        return text
    }
}

/// What is wrong with a header, in words.
struct HeaderFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// A parser for the small subset of Python literals `.npy` headers use: dicts with string
/// keys, strings, True/False, integers (with an optional `L`), and tuples.
private struct LiteralParser {
    indirect enum Value: Equatable {
        case string(String), bool(Bool), int(Int), tuple([Value]), dict([String: Value])
    }

    let chars: [Unicode.Scalar]
    var i = 0

    init(_ chars: [Unicode.Scalar]) { self.chars = chars }

    mutating func skipSpace() {
        while i < chars.count, chars[i] == " " || chars[i] == "\t" || chars[i] == "\n" || chars[i] == "\r" { i += 1 }
    }

    mutating func parseValue() throws(HeaderFailure) -> Value {
        skipSpace()
        guard i < chars.count else { throw HeaderFailure("unexpected end of the header") }
        switch chars[i] {
        case "{": return try parseDict()
        case "(": return try parseTuple()
        case "'", "\"": return .string(try parseString())
        default:
            if match("True") { return .bool(true) }
            if match("False") { return .bool(false) }
            return try parseInt()
        }
    }

    mutating func match(_ word: String) -> Bool {
        let w = Array(word.unicodeScalars)
        guard i + w.count <= chars.count, Array(chars[i..<(i + w.count)]) == w else { return false }
        i += w.count
        return true
    }

    mutating func parseString() throws(HeaderFailure) -> String {
        let quote = chars[i]
        i += 1
        var s = String.UnicodeScalarView()
        while i < chars.count, chars[i] != quote {
            s.append(chars[i])
            i += 1
        }
        guard i < chars.count else { throw HeaderFailure("unterminated string") }
        i += 1
        return String(s)
    }

    mutating func parseInt() throws(HeaderFailure) -> Value {
        let start = i
        while i < chars.count, ("0"..."9").contains(chars[i]) { i += 1 }
        guard i > start, let n = Int(String(String.UnicodeScalarView(chars[start..<i]))) else {
            throw HeaderFailure("expected a value at character \(start)")
        }
        if i < chars.count, chars[i] == "L" { i += 1 }
        return .int(n)
    }

    mutating func parseTuple() throws(HeaderFailure) -> Value {
        i += 1
        var items: [Value] = []
        while true {
            skipSpace()
            guard i < chars.count else { throw HeaderFailure("unterminated tuple") }
            if chars[i] == ")" { i += 1; return .tuple(items) }
            items.append(try parseValue())
            skipSpace()
            if i < chars.count, chars[i] == "," { i += 1 }
        }
    }

    mutating func parseDict() throws(HeaderFailure) -> Value {
        i += 1
        var entries: [String: Value] = [:]
        while true {
            skipSpace()
            guard i < chars.count else { throw HeaderFailure("unterminated dict") }
            if chars[i] == "}" { i += 1; return .dict(entries) }
            guard chars[i] == "'" || chars[i] == "\"" else { throw HeaderFailure("dict keys must be strings") }
            let key = try parseString()
            skipSpace()
            guard i < chars.count, chars[i] == ":" else { throw HeaderFailure("expected ':' after '\(key)'") }
            i += 1
            entries[key] = try parseValue()
            skipSpace()
            if i < chars.count, chars[i] == "," { i += 1 }
        }
    }
}
