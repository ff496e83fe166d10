import CuratorCore
import CuratorTestSupport
import Testing
@testable import CuratorRecall

/// Each classic model must find planted block-diagonal tastes.
@Suite struct PlantedStructureTests {
    static let models: [(String, ModelParameters)] = [
        ("ease", ModelParameters(["reg": "10"])),
        ("als", ModelParameters(["factors": "8", "reg": "0.1", "alpha": "5", "iterations": "10"])),
        ("bpr", ModelParameters(["factors": "8", "lr": "0.05", "epochs": "200", "sampling": "uniform"])),
    ]

    @Test(arguments: [UInt64(1), 2, 3])
    func recommendationsStayInsideTheUsersBlock(seed: UInt64) throws {
        let data = ClassicFixtures.blockTastes(seed: seed)
        for (kind, parameters) in Self.models {
            var values = parameters.values
            if kind != "ease" { values["seed"] = String(seed) }
            let model = try RecallModelRegistry.fit(kind: kind, parameters: ModelParameters(values), data: data)
            var inside = 0, total = 0
            for u in 0..<data.userCount {
                let history = Array(data.sequences.sequence(of: u))
                let top = model.recommend(UserContext(user: Int32(u), history: history), count: 5, excluding: Set(history))
                inside += top.filter { ClassicFixtures.block(ofItem: $0.item) == u % 3 }.count
                total += top.count
            }
            #expect(Double(inside) / Double(total) >= 0.95, "\(kind): \(inside) of \(total) inside the block")
        }
    }

    @Test func foldedInHistoriesAlsoStayInsideTheBlock() throws {
        let data = ClassicFixtures.blockTastes()
        for (kind, parameters) in Self.models {
            let model = try RecallModelRegistry.fit(kind: kind, parameters: parameters, data: data)
            // A new user (no index) who likes three items of block 1: a chat session, say.
            let history: [Int32] = [15, 17, 20]
            let top = model.recommend(UserContext(history: history), count: 5, excluding: Set(history))
            #expect(top.count == 5)
            #expect(top.allSatisfy { ClassicFixtures.block(ofItem: $0.item) == 1 }, "\(kind): \(top.map(\.item))")
        }
    }
}
