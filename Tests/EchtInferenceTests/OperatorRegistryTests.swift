import Foundation
import Testing
@testable import EchtInference

/// Every operator in the five models has a kernel (or is folded at load), and loading shrinks
/// each graph to the kernels that actually run.
@Suite(.enabled(if: InferenceFixtures.modelsPresent, "needs the five models in ~/.cache/echt/models (run make setup)"))
struct OperatorRegistryTests {
    @Test(arguments: InferenceFixtures.modelNames)
    func everyOperatorIsRegisteredOrFolded(_ name: String) throws {
        let url = InferenceFixtures.modelURL(name)
        let file = try ModelFile(bytes: [UInt8](try Data(contentsOf: url)), path: url.path)
        let folded = [OperatorRegistry.dequantize, OperatorRegistry.densify]
        for (node, op) in file.operators.enumerated() {
            #expect(OperatorRegistry.factory(for: op) != nil || folded.contains(op.code),
                    "node \(node): \(OperatorRegistry.name(of: op)) has no kernel")
        }
        let model = try Model(contentsOf: url)
        let foldable = file.operators.filter { folded.contains($0.code) }.count
        #expect(model.operatorCount <= file.operators.count - foldable)
        print("[registry] \(name): \(file.operators.count) operators in the file, \(model.operatorCount) kernels after folding and fusion")
    }

    @Test func namesUseTheSchemaSpelling() {
        let op = ModelFile.OperatorEntry(code: 117, customCode: nil, version: 1, inputs: [], outputs: [], optionsType: 0,
                                         options: nil, customOptions: nil)
        #expect(OperatorRegistry.name(of: op) == "HARD_SWISH")
    }
}
