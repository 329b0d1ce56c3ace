import Foundation
import Testing
@testable import EchtInference
import EchtTestSupport

/// Every model against LiteRT's outputs on the preprocessed sample portrait
/// (`shared/docs/models/golden`, written by `reference_outputs.py`).
@Suite(.enabled(if: InferenceFixtures.modelsPresent && InferenceFixtures.sharedGolden != nil,
                "needs the five models in ~/.cache/echt/models (make setup) and ../shared/docs/models/golden"))
struct SharedGoldenTests {
    struct Case: Sendable, CustomStringConvertible {
        var model: String, input: String, outputs: [String], tolerance: Float
        var description: String { "\(model) ← \(input)" }
    }

    static let cases: [Case] = [
        Case(model: "face_detection_short_range", input: "det_short_range_input",
             outputs: ["det_short_range_regressors", "det_short_range_classificators"], tolerance: 1e-3),
        Case(model: "face_detection_full_range_sparse", input: "det_full_range_sparse_input",
             outputs: ["det_full_range_sparse_regressors", "det_full_range_sparse_classificators"], tolerance: 1e-3),
        Case(model: "face_landmark", input: "mesh_input", outputs: ["mesh_landmarks_raw", "mesh_flag_raw"], tolerance: 1e-3),
        Case(model: "iris_landmark", input: "iris_left_input", outputs: ["iris_left_contour_raw", "iris_left_iris_raw"], tolerance: 1e-3),
        Case(model: "iris_landmark", input: "iris_right_input", outputs: ["iris_right_contour_raw", "iris_right_iris_raw"], tolerance: 1e-3),
        Case(model: "selfie_segmentation", input: "selfie_input", outputs: ["selfie_mask"], tolerance: 1e-4),
    ]

    @Test(arguments: cases)
    func matchesLiteRT(_ testCase: Case) throws {
        let golden = try #require(InferenceFixtures.sharedGolden)
        let model = try InferenceFixtures.model(testCase.model)
        let input = try InferenceFixtures.floats(golden.appendingPathComponent("\(testCase.input).f32"))
        let outputs = try model.run([Tensor(shape: model.inputShapes[0], values: input)])
        #expect(outputs.count == testCase.outputs.count)
        for (output, name) in zip(outputs, testCase.outputs) {
            let expected = try InferenceFixtures.floats(golden.appendingPathComponent("\(name).f32"))
            #expect(output.values.count == expected.count)
            let diff = InferenceFixtures.maxAbsDiff(output.values, expected)
            print("[golden] \(testCase.model) \(name): max |diff| = \(diff)")
            #expect(diff <= testCase.tolerance, "\(name): max |diff| \(diff) exceeds \(testCase.tolerance)")
        }
    }
}
