import CuratorCore
import CuratorRecall
import CuratorServer
import CuratorTestSupport
import Foundation
import Synchronization
import Testing

@Suite("curator serve swaps a new model file in under load")
struct ModelSwapTests {
    @Test func aNewModelFileIsServedWithoutARestartAndNoRequestFails() async throws {
        let dataset = genreDataset()
        let server = try await LiveServer.started(dataset: dataset)
        let first = try await server.call("GET", "/health/ready").object["model_version"] as? String
        let store = ModelStore(state: server.service.configuration.state, datasetPath: server.service.configuration.dataPath,
                               filter: server.service.configuration.filter, dataset: dataset)
        let statuses = Shared<[Int: Int]>([:])
        let versions = Shared<[String]>([])
        let stop = Shared(false)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var n = 0
                    // Until told to stop, and once more after: that one is surely after the swap,
                    // however few requests a loaded machine let through meanwhile.
                    var last = false
                    while !last {
                        last = stop.current && n >= 20
                        let user = dataset.users.id(at: Int32((worker * 37 + n) % dataset.userCount))
                        let answer = try await server.call("GET", "/v1/users/\(user)/recommendations?n=10")
                        statuses.update { $0[answer.status, default: 0] += 1 }
                        if let version = answer.object["model_version"] as? String { versions.update { $0.append(version) } }
                        n += 1
                    }
                }
            }
            group.addTask {
                // Every worker has been answered by the first model (a loaded machine may take
                // longer than any fixed pause), then what `curator train` does: fit with other
                // parameters and save over the file.
                let started = Date().addingTimeInterval(120)
                while versions.current.count < 4 && Date() < started { try await Task.sleep(for: .milliseconds(20)) }
                let model = try RecallModelRegistry.fit(kind: "itemknn", parameters: ModelParameters(["neighbors": "5"]), data: TrainingData(dataset: dataset))
                try store.save(model)
                let deadline = Date().addingTimeInterval(120)
                while server.service.state.swaps == 0 && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
                try await Task.sleep(for: .milliseconds(200))
                stop.update { $0 = true }
            }
            try await group.waitForAll()
        }
        let counted = statuses.current
        #expect(counted.keys.sorted() == [200], "\(counted)")
        #expect(server.service.state.swaps == 1)
        let seen = versions.current
        let last = try await server.call("GET", "/health/ready").object["model_version"] as? String
        #expect(last != first)
        #expect(seen.first == first)
        #expect(seen.contains(try #require(last)))
        let metrics = try await server.call("GET", "/metrics").text
        #expect(metrics.contains("curator_model_swaps_total 1"))
        #expect(metrics.contains("version=\"\(last!)\""))
        #expect(!metrics.contains("version=\"\(first!)\""))
        try await server.stop()
    }
}
