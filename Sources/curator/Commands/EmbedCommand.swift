import ArgumentParser
import CuratorText
import Foundation

struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed lines of text (one per line) and report the rate; optionally write the vectors.",
        discussion: """
        Used by Benchmarks/embeddings to compare the native encoder with onnxruntime. The rate \
        excludes loading the model; --repeat runs the whole file several times and reports the best.

        Examples:
          curator embed --file sentences.txt --out vectors.f32
          curator embed --file titles.txt --repeat 3 --json
        """)

    @OptionGroup var embedding: EmbeddingOptions
    @Option(help: ArgumentHelp("Texts, one per line.", valueName: "file")) var file: String
    @Option(help: ArgumentHelp("Write the vectors as raw little-endian float32, row-major.", valueName: "file")) var out: String?
    @Option(name: .customLong("tokens-out"), help: ArgumentHelp("native: write each text's token ids, space-separated, one line per text.", valueName: "file"))
    var tokensOut: String?
    @Option(help: "Embed the file this many times; report the best rate.") var `repeat` = 1
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw UserError("cannot read \(file) as UTF-8") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let embedder = try embedding.make()
        let clock = ContinuousClock()
        var best = Double.infinity
        var vectors: [Float] = []
        for _ in 0..<max(1, self.repeat) {
            let time = try await clock.measure { vectors = try await embedder.embed(lines) }
            best = min(best, time.seconds)
        }
        if let tokensOut, let native = embedder as? NativeTextEmbedder {
            let text = lines.map { native.tokenizer.encode($0).map(String.init).joined(separator: " ") }.joined(separator: "\n") + "\n"
            try text.write(toFile: tokensOut, atomically: true, encoding: .utf8)
        }
        if let out { try vectors.withUnsafeBytes { Data($0) }.write(to: URL(fileURLWithPath: out)) }
        let rate = Double(lines.count) / best
        let peak = Self.peakResidentMegabytes()
        if json {
            Terminal.out(String(format: "{\"texts\": %d, \"seconds\": %.4f, \"texts_per_second\": %.1f, \"peak_rss_mb\": %.1f, \"dimension\": %d}",
                                lines.count, best, rate, peak, lines.isEmpty ? 0 : vectors.count / lines.count))
        } else {
            Terminal.out(String(format: "%d texts in %.3f s: %.1f texts/s, peak memory %.0f MB", lines.count, best, rate, peak))
        }
    }

    /// The process's peak resident memory (VmHWM), in MB.
    static func peakResidentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }
}
