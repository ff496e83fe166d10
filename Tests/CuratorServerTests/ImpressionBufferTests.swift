@testable import CuratorServer
import Testing

@Suite("shown lists waiting to be written")
struct ImpressionBufferTests {
    private func shown(_ n: Int) -> Impression {
        Impression(id: "r\(n)", user: "u", items: ["m\(n)"], model: "pop", modelVersion: "1", endpoint: "/v1/recommendations")
    }

    @Test func aRefusedBatchGoesBackAheadOfNewerListsAndTheOldestGoPastTheCapacity() {
        let buffer = ImpressionBuffer(capacity: 4)
        (1...3).forEach { buffer.append(shown($0)) }
        let batch = buffer.take()
        #expect(buffer.count == 0)
        buffer.append(shown(4))
        buffer.append(shown(5))
        #expect(buffer.putBack(batch) == 1, "five lists, room for four")
        #expect(buffer.take().map(\.id) == ["r2", "r3", "r4", "r5"])
        #expect(buffer.putBack([]) == 0)
        #expect(buffer.count == 0)
    }
}
