import CuratorText
import Foundation

/// A slow, obviously-correct BERT forward pass in Double, one sequence at a time, written
/// straight from the equations: the oracle the BLAS encoder is checked against.
struct ReferenceBert {
    let w: BertWeights
    var c: BertConfiguration { w.configuration }

    /// `length × hidden` hidden states of the last layer.
    func hiddenStates(_ ids: [Int32]) -> [[Double]] {
        let h = c.hiddenSize
        var x = ids.enumerated().map { p, id in
            (0..<h).map { j in Double(w.wordEmbeddings[Int(id) * h + j]) + Double(w.positionEmbeddings[p * h + j]) + Double(w.tokenTypeEmbeddings[j]) }
        }
        x = x.map { layerNorm($0, w.embeddingNormWeight, w.embeddingNormBias) }
        for layer in w.layers {
            let q = x.map { linear($0, layer.qkvWeight, layer.qkvBias, rows: 0..<h) }
            let k = x.map { linear($0, layer.qkvWeight, layer.qkvBias, rows: h..<(2 * h)) }
            let v = x.map { linear($0, layer.qkvWeight, layer.qkvBias, rows: (2 * h)..<(3 * h)) }
            var context = [[Double]](repeating: [Double](repeating: 0, count: h), count: ids.count)
            let d = c.headSize
            for head in 0..<c.headCount {
                let cols = (head * d)..<((head + 1) * d)
                for i in ids.indices {
                    var scores = ids.indices.map { j in cols.reduce(0.0) { $0 + q[i][$1] * k[j][$1] } / Double(d).squareRoot() }
                    let m = scores.max()!
                    scores = scores.map { exp($0 - m) }
                    let sum = scores.reduce(0, +)
                    for col in cols { context[i][col] = ids.indices.reduce(0.0) { $0 + scores[$1] / sum * v[$1][col] } }
                }
            }
            let attended = zip(x, context).map { xi, ci in
                layerNorm(zip(xi, linear(ci, layer.attentionOutputWeight, layer.attentionOutputBias, rows: 0..<h)).map(+),
                          layer.attentionNormWeight, layer.attentionNormBias)
            }
            x = attended.map { a in
                let inner = linear(a, layer.intermediateWeight, layer.intermediateBias, rows: 0..<c.intermediateSize)
                    .map { 0.5 * $0 * (1 + erf($0 / 2.0.squareRoot())) }
                return layerNorm(zip(a, linear(inner, layer.outputWeight, layer.outputBias, rows: 0..<h)).map(+),
                                 layer.outputNormWeight, layer.outputNormBias)
            }
        }
        return x
    }

    /// Mean pooling and L2 normalisation.
    func sentenceEmbedding(_ ids: [Int32]) -> [Double] {
        let states = hiddenStates(ids)
        let mean = (0..<c.hiddenSize).map { j in states.reduce(0.0) { $0 + $1[j] } / Double(states.count) }
        let norm = mean.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
        return mean.map { $0 / norm }
    }

    private func linear(_ x: [Double], _ weight: [Float], _ bias: [Float], rows: Range<Int>) -> [Double] {
        let inputs = x.count
        return rows.map { r in Double(bias[r]) + x.indices.reduce(0.0) { $0 + Double(weight[r * inputs + $1]) * x[$1] } }
    }

    private func layerNorm(_ x: [Double], _ gamma: [Float], _ beta: [Float]) -> [Double] {
        let mean = x.reduce(0, +) / Double(x.count)
        let variance = x.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count)
        return x.indices.map { (x[$0] - mean) / (variance + Double(c.layerNormEpsilon)).squareRoot() * Double(gamma[$0]) + Double(beta[$0]) }
    }
}
