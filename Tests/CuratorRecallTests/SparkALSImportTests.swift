import CuratorCore
import CuratorTestSupport
import Foundation
import Testing
@testable import CuratorRecall

/// The Spark interchange (factor files, the job's model.json) and Spark's fold-in equation,
/// without Spark: the files are written here as the job writes them. The real round trip
/// through pyspark is in CuratorCLITests' `SparkRoundTripTests`.
@Suite struct SparkALSImportTests {
    @Test func factorFilesRoundTripAndRefuseDamage() throws {
        let file = FactorFile(rank: 3, ids: [2, 0, 1], factors: (0..<9).map { Float($0) / 4 })
        let bytes = file.encoded()
        #expect(try FactorFile.decode(bytes, path: "f") == file)
        #expect(try file.denseMatrix(count: 4, path: "f") == [0.75, 1, 1.25, 1.5, 1.75, 2, 0, 0.25, 0.5, 0, 0, 0])
        #expect(throws: ModelFileError.self) { try FactorFile.decode(bytes.dropLast(4), path: "f") }
        #expect(throws: ModelFileError.self) { try FactorFile.decode(Data("CURATORM".utf8) + bytes.dropFirst(8), path: "f") }
        #expect(throws: ModelFileError.self) { try file.denseMatrix(count: 2, path: "f") }
    }

    /// Writes an export of `dataset` and a job output folder with the given factors.
    static func sparkFolder(_ dataset: Dataset, rank: Int, seed: UInt64, in directory: TemporaryDirectory,
                            reg: Double = 0.1, alpha: Double = 2) throws -> String {
        let export = try SparkExport.write(dataset, scope: .all, to: directory.folder("export"))
        var rng = SeededGenerator(seed: seed)
        func factors(_ count: Int) -> FactorFile {
            FactorFile(rank: rank, ids: (0..<count).map(Int32.init).reversed(),
                       factors: (0..<count * rank).map { _ in rng.nextUnitFloat() - 0.3 })
        }
        let out = directory.folder("als")
        try factors(dataset.userCount).encoded().write(to: URL(fileURLWithPath: out + "/user_factors.bin"))
        try factors(dataset.itemCount).encoded().write(to: URL(fileURLWithPath: out + "/item_factors.bin"))
        let metadata = SparkALSMetadata(
            format: SparkALSMetadata.formatName, version: 1, rank: rank, maxIter: 5, regParam: reg, alpha: alpha, seed: 1,
            implicitPrefs: true, sparkVersion: "test", export: export, userFactorsFile: "user_factors.bin",
            itemFactorsFile: "item_factors.bin", recommendationsFile: nil, sparkModelDirectory: nil, fitSeconds: nil)
        try JSONEncoder().encode(metadata).write(to: URL(fileURLWithPath: out + "/" + SparkALSMetadata.fileName))
        return out
    }

    /// Spark's implicit update, solved by Gaussian elimination in double precision.
    static func oracle(history: [Int32], weights: [Float], items: [Float], itemCount: Int, rank f: Int, reg: Double, alpha: Double) -> [Double] {
        var a = [Double](repeating: 0, count: f * f), b = [Double](repeating: 0, count: f)
        for i in 0..<itemCount {
            for r in 0..<f { for c in 0..<f { a[r * f + c] += Double(items[i * f + r]) * Double(items[i * f + c]) } }
        }
        var positives = 0.0
        for (item, weight) in zip(history, weights) {
            let y = (0..<f).map { Double(items[Int(item) * f + $0]) }, r = Double(weight)
            for row in 0..<f { for c in 0..<f { a[row * f + c] += alpha * abs(r) * y[row] * y[c] } }
            if r > 0 {
                positives += 1
                for row in 0..<f { b[row] += (1 + alpha * r) * y[row] }
            }
        }
        for k in 0..<f { a[k * f + k] += reg * positives }
        for col in 0..<f {
            let pivot = (col..<f).max { abs(a[$0 * f + col]) < abs(a[$1 * f + col]) }!
            for c in 0..<f { a.swapAt(col * f + c, pivot * f + c) }
            b.swapAt(col, pivot)
            for row in 0..<f where row != col {
                let factor = a[row * f + col] / a[col * f + col]
                for c in 0..<f { a[row * f + c] -= factor * a[col * f + c] }
                b[row] -= factor * b[col]
            }
        }
        return (0..<f).map { b[$0] / a[$0 * f + $0] }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func importedModelFoldsInAsSparkDoes(seed: UInt64) throws {
        let directory = TemporaryDirectory()
        let dataset = DatasetFixtures.random(users: 30, items: 25, perUser: 6, seed: seed)
        let folder = try Self.sparkFolder(dataset, rank: 4, seed: seed, in: directory)
        let imported = try SparkALSImport.load(folder: folder, dataset: dataset)
        #expect(imported.model.configuration.formulation == .spark)
        #expect(imported.model.configuration.parameters["formulation"] == "spark")
        var rng = SeededGenerator(seed: seed &+ 100)
        for _ in 0..<10 {
            let history = (0..<5).map { _ in Int32(rng.next() % 25) }
            let weights = (0..<5).map { _ in rng.nextUnitFloat() * 3 }
            let folded = imported.model.foldIn(UserContext(history: history, weights: weights))
            let expected = Self.oracle(history: history, weights: weights, items: imported.model.factors.items,
                                       itemCount: 25, rank: 4, reg: 0.1, alpha: 2)
            for (x, e) in zip(folded, expected) { #expect(abs(Double(x) - e) <= 1e-5 * max(1, abs(e)), "\(folded) vs \(expected)") }
        }
        // A training user's own history uses Spark's vector as it is.
        let history = Array(imported.training.sequences.sequence(of: 3))
        #expect(imported.model.userVector(for: UserContext(user: 3, history: history)) == imported.model.factors.userVector(3))
    }

    @Test func importIsBoundToTheExportedDataAndSurvivesTheModelFile() throws {
        let directory = TemporaryDirectory()
        let dataset = DatasetFixtures.random(users: 20, items: 15, perUser: 4, seed: 9)
        let folder = try Self.sparkFolder(dataset, rank: 3, seed: 9, in: directory)
        let other = DatasetFixtures.random(users: 20, items: 15, perUser: 4, seed: 10)
        #expect(throws: SparkExportError.self) { try SparkALSImport.load(folder: folder, dataset: other) }
        let model = try SparkALSImport.load(folder: folder, dataset: dataset).model
        let file = RecallModelRegistry.modelFile(for: model, datasetFingerprint: dataset.fingerprint)
        let restored = try #require(try RecallModelRegistry.load(
            try ModelFile.decode(file.encoded(), path: "m"), path: "m", datasetFingerprint: dataset.fingerprint) as? ALSModel)
        #expect(restored.configuration.formulation == .spark)
        let context = UserContext(history: [1, 4, 7])
        #expect(restored.scores(for: context) == model.scores(for: context))
    }

    @Test func exportWritesDenseIDsAndTheIDMaps() throws {
        let directory = TemporaryDirectory()
        let dataset = DatasetFixtures.dataset([("b", "x", 1), ("a", "y", 2), ("a", "x", 3), ("b", "x", 4)])
        let manifest = try SparkExport.write(dataset, scope: .all, to: directory.path + "/e")
        #expect(manifest.interactions == 3 && manifest.users == 2 && manifest.items == 2)
        let csv = try String(contentsOfFile: directory.path + "/e/interactions.csv", encoding: .utf8)
        #expect(csv == "user,item,rating\n0,0,1\n0,1,1\n1,0,1\n")
        #expect(try String(contentsOfFile: directory.path + "/e/user_ids.tsv", encoding: .utf8) == "0\ta\n1\tb\n")
        #expect(try SparkExportManifest.read(folder: directory.path + "/e") == manifest)
    }

    @Test func missingSparkSaysWhatToInstall() {
        let directory = TemporaryDirectory()
        #expect {
            try SparkJob.locate(cache: directory.path)
        } throws: { error in
            String(describing: error).contains("scripts/install-spark.sh") && String(describing: error).contains("openjdk-17-jre-headless")
        }
    }
}
