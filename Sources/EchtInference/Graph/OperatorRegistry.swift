/// The one table from TFLite op code (or custom op name) to the factory that prepares its kernel.
enum OperatorRegistry {
    typealias Factory = @Sendable (NodeContext) throws(InferenceError) -> any Kernel

    /// Builtin op codes folded away at load time when their inputs are constant.
    static let dequantize = 6
    static let densify = 124
    static let custom = 32

    /// Kernels by builtin op code.
    static let builtins: [Int: Factory] = [
        0: Binary.make(.add),
        1: Pool2D.make(.average),
        2: Concatenation.make,
        3: Conv2D.make,
        4: DepthwiseConv2D.make,
        5: DepthToSpace.make,
        14: Unary.make(.logistic),
        17: Pool2D.make(.maximum),
        18: Binary.make(.multiply),
        19: Unary.make(.relu),
        20: Unary.make(.reluMinus1To1),
        21: Unary.make(.relu6),
        22: Reshape.make,
        23: ResizeBilinear.make,
        28: Unary.make(.tanh),
        34: Pad.make,
        40: Mean.make,
        41: Binary.make(.subtract),
        54: Binary.make(.prelu),
        117: Unary.make(.hardSwish),
    ]

    /// Kernels for custom ops, by `custom_code`.
    static let customs: [String: Factory] = [
        "Convolution2DTransposeBias": TransposeConvolutionBias.make,
    ]

    /// The factory for an operator entry, or nil when unsupported.
    static func factory(for op: ModelFile.OperatorEntry) -> Factory? {
        op.code == custom ? customs[op.customCode ?? ""] : builtins[op.code]
    }

    /// A readable name: the schema name for known codes, the custom code for custom ops.
    static func name(of op: ModelFile.OperatorEntry) -> String {
        if op.code == custom { return "CUSTOM '\(op.customCode ?? "")'" }
        return names[op.code] ?? "BUILTIN_\(op.code)"
    }

    static let names: [Int: String] = [
        0: "ADD", 1: "AVERAGE_POOL_2D", 2: "CONCATENATION", 3: "CONV_2D", 4: "DEPTHWISE_CONV_2D",
        5: "DEPTH_TO_SPACE", 6: "DEQUANTIZE", 7: "EMBEDDING_LOOKUP", 8: "FLOOR", 9: "FULLY_CONNECTED",
        10: "HASHTABLE_LOOKUP", 11: "L2_NORMALIZATION", 12: "L2_POOL_2D", 13: "LOCAL_RESPONSE_NORMALIZATION",
        14: "LOGISTIC", 15: "LSH_PROJECTION", 16: "LSTM", 17: "MAX_POOL_2D", 18: "MUL", 19: "RELU",
        20: "RELU_N1_TO_1", 21: "RELU6", 22: "RESHAPE", 23: "RESIZE_BILINEAR", 24: "RNN", 25: "SOFTMAX",
        26: "SPACE_TO_DEPTH", 27: "SVDF", 28: "TANH", 32: "CUSTOM", 34: "PAD", 39: "TRANSPOSE", 40: "MEAN",
        41: "SUB", 42: "DIV", 45: "STRIDED_SLICE", 49: "EXP", 53: "CAST", 54: "PRELU", 55: "MAXIMUM",
        57: "MINIMUM", 65: "SLICE", 67: "TRANSPOSE_CONV", 97: "RESIZE_NEAREST_NEIGHBOR", 117: "HARD_SWISH",
        124: "DENSIFY",
    ]
}
