import CuratorChat
import CuratorCore
import Foundation
import Testing

@Suite("Scratch", .enabled(if: ProcessInfo.processInfo.environment["CURATOR_LINKER_DATA"] != nil))
struct ScratchTests {
    @Test func probe() throws {
        let dataset = try DatasetLoader.load(path: ProcessInfo.processInfo.environment["CURATOR_LINKER_DATA"]!).dataset
        let interpreter = RuleInterpreter(catalog: dataset.catalog, popularity: dataset.itemInteractionCounts().map { Float($0) })
        let lines = (try? String(contentsOfFile: "/tmp/linker/probe.txt", encoding: .utf8)) ?? ""
        for line in lines.split(separator: "\n") {
            let r = interpreter.interpret(String(line))
            let m = r.mentions.map { "\($0.items.map { dataset.catalog[Int($0)].displayTitle }.joined(separator: " | ")) [\($0.feeling)]" }
            var extra: [String] = []
            if !r.includeGenres.isEmpty { extra.append("genres \(r.includeGenres.sorted())") }
            if !r.excludeGenres.isEmpty { extra.append("not \(r.excludeGenres.sorted())") }
            if r.minYear != nil || r.maxYear != nil { extra.append("years \(r.minYear.map(String.init) ?? "")–\(r.maxYear.map(String.init) ?? "")") }
            if !r.wishes.isEmpty { extra.append("wishes \(r.wishes)") }
            if !r.unmatchedWishes.isEmpty { extra.append("unmatched \(r.unmatchedWishes)") }
            print("PROBE \(line)\n   → \(m.joined(separator: "; ")) \(extra.joined(separator: ", "))")
        }
    }
}
