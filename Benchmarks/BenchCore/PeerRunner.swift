import Foundation

/// Runs `Benchmarks/peers/peers.py` as a long-lived worker and asks it to time the peers
/// on each case right after ours, so drift on this shared machine hits both alike. When
/// python3 or the script is missing, every case reports that instead of a time.
public struct PeerRunner {
    let threads: Int
    let repeats: Int
    private var process: Process?
    private var input: FileHandle?
    private var output: FileHandle?
    private var buffer = Data()
    private var failure: String?

    static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("peers/peers.py")
    }

    public init(threads: Int, repeats: Int) {
        self.threads = threads
        self.repeats = repeats
        guard FileManager.default.fileExists(atPath: Self.script.path) else {
            failure = "missing: \(Self.script.path) not found"
            return
        }
        // A worker that exits early must not kill the bench when we write to its pipe.
        signal(SIGPIPE, SIG_IGN)
        let process = Process(), stdin = Pipe(), stdout = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path]
        process.standardInput = stdin
        process.standardOutput = stdout
        do {
            try process.run()
            self.process = process
            input = stdin.fileHandleForWriting
            output = stdout.fileHandleForReading
        } catch {
            failure = "missing: cannot start python3 (\(error.localizedDescription))"
            return
        }
        // Wait until the worker has imported its libraries: importing them takes a core for
        // a second or two, which must not overlap the first case's timing.
        if readLine() == nil { failure = "missing: the peers worker exited (is python3 with numpy installed?)" }
    }

    /// The worker's next line, without its newline; nil when the worker has exited.
    private mutating func readLine() -> Data? {
        guard let output else { return nil }
        while !buffer.contains(0x0A) {
            let chunk = output.availableData
            if chunk.isEmpty { return nil }
            buffer += chunk
        }
        let newline = buffer.firstIndex(of: 0x0A)!
        let line = Data(buffer[..<newline])
        buffer = Data(buffer[(newline + 1)...])
        return line
    }

    /// The peers' times on ZNCC template matching of an `image`² float32 image with a
    /// `template`² template (cv2.matchTemplate, TM_CCOEFF_NORMED).
    public mutating func timeMatch(image: Int, template: Int, threads: Int, repeats: Int) -> [PeerResult] {
        if let failure { return [PeerResult(name: "peers", note: failure)] }
        return exchange(["match": ["image": image, "template": template], "dtype": "float32", "threads": threads,
                         "repeats": repeats, "macs": image * image * template * template])
    }

    /// The peers' times on a Gaussian blur of an `image`² float32 image ('same' size, σ, a
    /// `size`² kernel, OpenCV's `BORDER_REFLECT_101`): cv2.GaussianBlur and
    /// scipy.ndimage.gaussian_filter (mode 'mirror', the same radius).
    public mutating func timeBlur(image: Int, sigma: Int, size: Int) -> [PeerResult] {
        if let failure { return [PeerResult(name: "peers", note: failure)] }
        return exchange(["blur": ["image": image, "sigma": sigma, "size": size], "dtype": "float32", "threads": threads,
                         "repeats": repeats, "macs": image * image * size * size])
    }

    /// The peers' times on `workload`: single-channel signal cases go to scipy, OpenCV and
    /// onnxruntime; layers (any batch, channels, groups, stride, dilation, zero padding) to
    /// onnxruntime's Conv.
    /// `repeats` overrides the runner's.
    public mutating func time(_ workload: Workload, dtype: String, repeats: Int? = nil) -> [PeerResult] {
        let g = workload.geometry
        if let failure { return [PeerResult(name: "peers", note: failure)] }
        var request: [String: Any] = ["dtype": dtype, "threads": threads, "repeats": repeats ?? self.repeats,
                                      "macs": g.multiplyAdds]
        if g.batch == 1 && g.inputChannels == 1 && g.outputChannels == 1 {
            request["mode"] = g.padBefore == g.kernelExtent.map { $0 / 2 } ? "same" : g.isUnpadded ? "valid" : "full"
            request["input"] = g.inputExtent
            request["kernel"] = g.kernelExtent
        } else {
            guard g.boundary == .zero, g.semantics == .correlation else { return [] }
            request["layer"] = ["input": g.inputShape, "weight": g.kernelShape, "groups": g.groups,
                                "stride": g.stride, "dilation": g.dilation, "pads": g.padBefore + g.padAfter]
        }
        return exchange(request)
    }

    /// Sends one request line and reads the reply line.
    private mutating func exchange(_ request: [String: Any]) -> [PeerResult] {
        guard let body = try? JSONSerialization.data(withJSONObject: request), let input else { return [] }
        do { try input.write(contentsOf: body + Data("\n".utf8)) } catch {
            failure = "missing: the peers worker (python3 \(Self.script.lastPathComponent)) is not running"
            return [PeerResult(name: "peers", note: failure)]
        }
        guard let line = readLine() else {
            failure = "missing: the peers worker exited (is python3 with numpy installed?)"
            return [PeerResult(name: "peers", note: failure)]
        }
        struct Reply: Decodable { let peers: [PeerResult] }
        return (try? JSONDecoder().decode(Reply.self, from: line))?.peers
            ?? [PeerResult(name: "peers", note: "failed: unreadable reply from the peers worker")]
    }
}

extension PeerResult {
    init(name: String, note: String?) { self.init(name: name, median: nil, minimum: nil, note: note) }
}

/// The peers' results over rounds that alternate with ours: each peer's timed calls
/// merged in the order the peers first reported, then the notes of peers that did not
/// run (from the first round).
struct PeerRounds {
    private var samples: [String: [Double]] = [:]
    private var order: [String] = []
    private var notes: [PeerResult] = []
    private var rounds = 0

    mutating func add(_ round: [PeerResult]) {
        for peer in round {
            if let calls = peer.samples {
                if samples[peer.name] == nil { order.append(peer.name) }
                samples[peer.name, default: []] += calls
            } else if rounds == 0 {
                notes.append(peer)
            }
        }
        rounds += 1
    }

    var results: [PeerResult] {
        order.map { name in
            let t = Timing(samples: samples[name]!)
            return PeerResult(name: name, median: t.median, minimum: t.minimum, note: nil, samples: t.samples)
        } + notes
    }
}
