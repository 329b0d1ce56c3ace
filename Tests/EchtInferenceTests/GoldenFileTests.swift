import Foundation
import Testing
@testable import EchtInference
import EchtTestSupport

/// The committed compact LiteRT goldens (`Golden/<model>.json`, written by
/// `scripts/golden/make_golden.py`) on deterministic pseudo-random inputs and, when the shared
/// docs are present, on the preprocessed sample portrait.
@Suite(.enabled(if: InferenceFixtures.modelsPresent, "needs the five models in ~/.cache/echt/models (run make setup)"))
struct GoldenFileTests {
    struct Golden: Decodable {
        struct Output: Decodable {
            var shape: [Int], sum: Double, sumOfSquares: Double, min: Float, max: Float, stride: Int, values: [Float]
        }
        struct Run: Decodable {
            var seed: UInt32?
            var inputFile: String?
            var inputSum: Double
            var outputs: [Output]
        }
        var model: String, inputShape: [Int], runs: [Run]
    }

    /// The generator mirrored from `litert_common.lcg_inputs`: a 32-bit LCG mapped to [-1, 1).
    static func lcgInputs(count: Int, seed: UInt32) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 1664525 &+ 1013904223
            return Float(Double(state >> 8) / 8388608.0 - 1.0)
        }
    }

    static func golden(_ name: String) throws -> Golden {
        let url = Fixtures.repositoryRoot.appendingPathComponent("Tests/EchtInferenceTests/Golden/\(name).json")
        return try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
    }

    @Test(arguments: InferenceFixtures.modelNames)
    func matchesCommittedGolden(_ name: String) throws {
        let golden = try Self.golden(name)
        let model = try InferenceFixtures.model(name)
        #expect(model.inputShapes == [golden.inputShape])
        let tolerance: Float = name == "selfie_segmentation" ? 1e-4 : 1e-3
        for run in golden.runs {
            let input: [Float]
            if let seed = run.seed {
                input = Self.lcgInputs(count: golden.inputShape.reduce(1, *), seed: seed)
            } else if let file = run.inputFile, let shared = InferenceFixtures.sharedGolden {
                input = try InferenceFixtures.floats(shared.appendingPathComponent(file))
            } else {
                print("[golden-file] \(name): skipping the portrait run \(run.inputFile ?? "?") (../shared/docs/models/golden is absent)")
                continue
            }
            let label = run.seed.map { "seed \($0)" } ?? run.inputFile ?? ""
            #expect(abs(input.reduce(0.0) { $0 + Double($1) } - run.inputSum) < 1e-3, "\(label): the input must be the script's input")
            let outputs = try model.run([Tensor(shape: golden.inputShape, values: input)])
            try #require(outputs.count == run.outputs.count)
            for (index, (output, expected)) in zip(outputs, run.outputs).enumerated() {
                #expect(output.shape == expected.shape)
                let sampled = Swift.stride(from: 0, to: output.values.count, by: expected.stride).map { output.values[$0] }
                try #require(sampled.count == expected.values.count)
                let diff = InferenceFixtures.maxAbsDiff(sampled, expected.values)
                print("[golden-file] \(name) \(label) output \(index): max |diff| = \(diff)")
                #expect(diff <= tolerance, "output \(index): max |diff| \(diff) exceeds \(tolerance)")
                let sum = output.values.reduce(0.0) { $0 + Double($1) }
                #expect(abs(sum - expected.sum) <= Double(tolerance) * Double(output.values.count),
                        "output \(index): sum \(sum) differs from LiteRT's \(expected.sum)")
                #expect(abs((output.values.min() ?? 0) - expected.min) <= tolerance)
                #expect(abs((output.values.max() ?? 0) - expected.max) <= tolerance)
            }
        }
    }

    @Test func concurrentRunsAgree() async throws {
        let model = try InferenceFixtures.model("iris_landmark")
        let input = Tensor(shape: model.inputShapes[0], values: Self.lcgInputs(count: model.inputShapes[0].reduce(1, *), seed: 7))
        let reference = try model.run([input])
        let results = try await withThrowingTaskGroup(of: [Tensor].self) { group in
            for _ in 0..<8 { group.addTask { try model.run([input]) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        for result in results { #expect(result == reference) }
    }

    @Test(arguments: InferenceFixtures.modelNames)
    func threadedRunsMatchSingleThreaded(_ name: String) throws {
        let model = try InferenceFixtures.model(name)
        let shape = model.inputShapes[0]
        let input = Tensor(shape: shape, values: Self.lcgInputs(count: shape.reduce(1, *), seed: 11))
        let reference = try model.run([input])
        for threads in [2, 3] {
            #expect(try model.run([input], threads: threads) == reference, "\(threads) threads")
        }
    }
}
