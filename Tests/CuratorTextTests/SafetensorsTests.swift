import CuratorTestSupport
import CuratorText
import Foundation
import Testing

@Suite struct SafetensorsTests {
    @Test func roundTripsTensors() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/t.safetensors"
        try SafetensorsWriter.write([
            .init(name: "a", shape: [2, 3], values: [1, 2, 3, 4, 5, 6]),
            .init(name: "b.bias", shape: [1], values: [-0.5]),
        ], to: path)
        let file = try SafetensorsFile(path: path)
        #expect(try file.floats("a", shape: [2, 3]) == [1, 2, 3, 4, 5, 6])
        #expect(try file.floats("b.bias") == [-0.5])
        #expect(throws: TextError.self) { try file.floats("a", shape: [3, 2]) }
        #expect(throws: TextError.self) { try file.floats("missing") }
    }

    @Test func refusesTruncatedAndMissingFiles() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/t.safetensors"
        try SafetensorsWriter.write([.init(name: "a", shape: [4], values: [1, 2, 3, 4])], to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let cut = dir.write("cut.safetensors", bytes: Array(bytes.dropLast(3)))
        #expect(throws: TextError.self) { try SafetensorsFile(path: cut) }
        let garbage = dir.write("junk.safetensors", bytes: [0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 1, 2])
        #expect(throws: TextError.self) { try SafetensorsFile(path: garbage) }
        #expect(throws: TextError.self) { try SafetensorsFile(path: dir.path + "/none.safetensors") }
    }
}
