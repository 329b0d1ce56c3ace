import Foundation
import Testing
@testable import EchtInference

/// Truncated, corrupt and hostile model files must give a typed `InferenceError`, never a crash.
struct MalformedModelTests {
    static let url = URL(fileURLWithPath: "/test/bad.tflite")

    /// A valid two-operator model: RELU then ADD with a constant.
    static var validModel: TestModel {
        TestModel(tensors: [.init(shape: [1, 2, 2, 3]), .init(shape: [1, 2, 2, 3]), .init(shape: [3], data: TestModel.floats([1, 2, 3])),
                            .init(shape: [1, 2, 2, 3])],
                  operators: [.init(code: 19, inputs: [0], outputs: [1]), .init(code: 0, inputs: [1, 2], outputs: [3])],
                  inputs: [0], outputs: [3])
    }

    @Test func validTinyModelRuns() throws {
        let model = try Model(bytes: Self.validModel.bytes, url: Self.url)
        let input = Tensor(shape: [1, 2, 2, 3], values: (0..<12).map { Float($0) - 6 })
        let output = try model.run([input])[0]
        let expected: [Float] = (0..<12).map { (i: Int) -> Float in max(Float(i) - 6, 0) + Float(i % 3 + 1) }
        #expect(output.values == expected)
        #expect(model.inputShapes == [[1, 2, 2, 3]] && model.outputShapes == [[1, 2, 2, 3]])
    }

    @Test func wrongMagicIsNotATFLiteModel() {
        var bytes = Self.validModel.bytes
        bytes[4] = UInt8(ascii: "X")
        #expect(throws: InferenceError.notATFLiteModel(path: Self.url.path)) { try Model(bytes: bytes, url: Self.url) }
    }

    @Test func everyTruncationThrowsTypedError() {
        let bytes = Self.validModel.bytes
        for length in 0..<bytes.count {
            do {
                _ = try Model(bytes: Array(bytes[0..<length]), url: Self.url)
                Issue.record("a model truncated to \(length) of \(bytes.count) bytes loaded")
            } catch {
                switch error {
                case .malformedModel, .notATFLiteModel, .invalidOperator: break
                default: Issue.record("unexpected error for length \(length): \(error)")
                }
            }
        }
    }

    @Test func outOfRangeRootOffset() {
        var bytes = Self.validModel.bytes
        bytes[0...3] = [0xF0, 0xFF, 0xFF, 0x7F]
        #expect { try Model(bytes: bytes, url: Self.url) } throws: { error in
            if case .malformedModel(_, let reason) = error as? InferenceError { return reason.contains("outside") }
            return false
        }
    }

    @Test func outOfRangeTensorIndex() {
        var model = Self.validModel
        model.operators[1].inputs = [1, 42]
        #expect { try Model(bytes: model.bytes, url: Self.url) } throws: { error in
            if case .malformedModel(_, let reason) = error as? InferenceError { return reason.contains("tensor 42") }
            return false
        }
    }

    @Test func unknownOperatorNamesOpVersionAndNode() {
        var model = Self.validModel
        model.operators[1] = .init(code: 25, inputs: [1], outputs: [3], version: 2)  // SOFTMAX
        #expect(throws: InferenceError.unsupportedOperator(path: Self.url.path, op: "SOFTMAX", version: 2, node: 1)) {
            try Model(bytes: model.bytes, url: Self.url)
        }
        model.operators[1] = .init(code: 32, custom: "MysteryOp", inputs: [1], outputs: [3])
        #expect(throws: InferenceError.unsupportedOperator(path: Self.url.path, op: "CUSTOM 'MysteryOp'", version: 1, node: 1)) {
            try Model(bytes: model.bytes, url: Self.url)
        }
    }

    @Test func inconsistentShapesAreInvalidOperators() {
        var model = Self.validModel
        model.tensors[3].shape = [1, 2, 2, 4]
        #expect { try Model(bytes: model.bytes, url: Self.url) } throws: { error in
            if case .invalidOperator(_, "ADD", 1, _) = error as? InferenceError { return true }
            return false
        }
        var huge = Self.validModel
        huge.tensors[1].shape = [1 << 20, 1 << 20, 1, 1]
        #expect { try Model(bytes: huge.bytes, url: Self.url) } throws: { error in
            if case .malformedModel = error as? InferenceError { return true }
            return false
        }
    }

    @Test func constantWithWrongByteCount() {
        var model = Self.validModel
        model.tensors[2].data = TestModel.floats([1, 2])
        #expect { try Model(bytes: model.bytes, url: Self.url) } throws: { error in
            if case .malformedModel(_, let reason) = error as? InferenceError { return reason.contains("constant tensor 2") }
            return false
        }
    }

    @Test func runRejectsWrongInputs() throws {
        let model = try Model(bytes: Self.validModel.bytes, url: Self.url)
        #expect(throws: InferenceError.inputCountMismatch(expected: 1, received: 0)) { try model.run([]) }
        #expect(throws: InferenceError.inputShapeMismatch(index: 0, expected: [1, 2, 2, 3], received: [1, 3, 2, 2])) {
            try model.run([Tensor(shape: [1, 3, 2, 2], values: .init(repeating: 0, count: 12))])
        }
    }

    @Test func errorDescriptionsNameTheProblem() {
        let error = InferenceError.unsupportedOperator(path: "/m.tflite", op: "SOFTMAX", version: 2, node: 7)
        #expect(error.description.contains("SOFTMAX") && error.description.contains("node 7") && error.description.contains("version 2"))
    }

    @Test func unreadableFile() {
        #expect { try Model(contentsOf: URL(fileURLWithPath: "/nonexistent/model.tflite")) } throws: { error in
            if case .unreadableFile = error as? InferenceError { return true }
            return false
        }
    }
}

/// Random byte flips of a real model: loading (and running, when loading succeeds) must never crash.
@Suite(.enabled(if: InferenceFixtures.modelsPresent, "needs the models in ~/.cache/echt/models (run make setup)"))
struct FuzzTests {
    @Test(arguments: InferenceFixtures.modelNames)
    func flippedBytesNeverCrash(_ name: String) throws {
        let original = [UInt8](try Data(contentsOf: InferenceFixtures.modelURL(name)))
        // Structure (not weights) lives mostly outside the large buffers; aim half the flips at the first and last 8 KB.
        var state: UInt64 = (ProcessInfo.processInfo.environment["ECHT_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x5EED_0000) + UInt64(original.count)
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        // ECHT_FUZZ_ITERATIONS raises the count for a longer local campaign; debug builds run fewer.
        #if DEBUG
        let defaultIterations = 30
        #else
        let defaultIterations = 300
        #endif
        let iterations = ProcessInfo.processInfo.environment["ECHT_FUZZ_ITERATIONS"].flatMap(Int.init) ?? defaultIterations
        var loaded = 0, rejected = 0
        for iteration in 0..<iterations {
            var bytes = original
            for _ in 0..<(1 + next() % 4) {
                let region = next() % 3
                let position = region == 0 ? next() % original.count
                    : region == 1 ? next() % 8192 : original.count - 1 - next() % 8192
                bytes[position] = UInt8(truncatingIfNeeded: next())
            }
            do {
                let model = try Model(bytes: bytes, url: URL(fileURLWithPath: "/fuzz/\(name)-\(iteration).tflite"))
                let inputs = model.inputShapes.map { Tensor(shape: $0, values: .init(repeating: 0.5, count: $0.reduce(1, *))) }
                _ = try model.run(inputs)
                loaded += 1
            } catch {
                #expect(!error.description.isEmpty)
                rejected += 1
            }
        }
        print("[fuzz] \(name) (seeded): \(loaded) mutants loaded and ran, \(rejected) rejected with a typed error")
        #expect(loaded + rejected == iterations)
    }

    @Test(arguments: InferenceFixtures.modelNames)
    func truncatedRealModelsThrow(_ name: String) throws {
        let original = [UInt8](try Data(contentsOf: InferenceFixtures.modelURL(name)))
        var state: UInt64 = 0xC0FFEE
        for _ in 0..<40 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 33) % original.count
            #expect(throws: InferenceError.self, "truncated to \(length) bytes") {
                try Model(bytes: Array(original[0..<length]), url: URL(fileURLWithPath: "/fuzz/\(name)-\(length).tflite"))
            }
        }
    }
}
