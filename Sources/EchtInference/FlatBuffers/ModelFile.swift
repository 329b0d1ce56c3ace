/// The parts of a `.tflite` file the interpreter needs, decoded from the FlatBuffer by hand.
///
/// Field ids follow `schema.fbs` (see `shared/docs/models/README.md` §1.2). Everything is
/// validated here or when kernels are prepared; nothing is trusted.
struct ModelFile: Sendable {
    /// Element types of tensors (`TensorType` in the schema).
    enum ElementType: Int8, Sendable {
        case float32 = 0, float16 = 1, int32 = 2, uint8 = 3, int64 = 4, string = 5, bool = 6,
            int16 = 7, complex64 = 8, int8 = 9, float64 = 10

        var byteCount: Int? {
            switch self {
            case .float32, .int32: 4
            case .float16, .int16: 2
            case .uint8, .int8, .bool: 1
            case .int64, .float64, .complex64: 8
            case .string: nil
            }
        }
    }

    /// One level of a sparse tensor's storage (`DimensionMetadata`).
    enum Dimension: Sendable {
        case dense(size: Int)
        case compressed(segments: [Int], indices: [Int])
    }

    /// Sparse storage description (`SparsityParameters`).
    struct Sparsity: Sendable {
        var traversalOrder: [Int]
        var blockMap: [Int]
        var dimensions: [Dimension]
    }

    /// A tensor entry of the subgraph.
    struct TensorEntry: Sendable {
        var shape: [Int]
        var elementCount: Int
        var rawType: Int8
        var buffer: Int
        var name: String
        var sparsity: Sparsity?

        var type: ElementType? { ElementType(rawValue: rawType) }
    }

    /// An operator entry with its resolved op code.
    struct OperatorEntry: Sendable {
        var code: Int
        var customCode: String?
        var version: Int
        var inputs: [Int]
        var outputs: [Int]
        var optionsType: UInt8
        var options: FlatBuffer.Table?
        var customOptions: Range<Int>?
    }

    /// Largest element count accepted for one tensor (256 MB of floats).
    static let maximumElements = 1 << 26

    let buffer: FlatBuffer
    let tensors: [TensorEntry]
    let operators: [OperatorEntry]
    let inputs: [Int]
    let outputs: [Int]
    let bufferData: [Range<Int>?]

    var path: String { buffer.path }

    init(bytes: [UInt8], path: String) throws(InferenceError) {
        guard bytes.count >= 8 else { throw .malformedModel(path: path, reason: "the file has only \(bytes.count) bytes") }
        guard bytes[4...7].elementsEqual("TFL3".utf8) else { throw .notATFLiteModel(path: path) }
        let fb = FlatBuffer(bytes: bytes, path: path)
        buffer = fb
        let model = try fb.root()

        var data: [Range<Int>?] = []
        for entry in try fb.tables(model, 4) {
            let offset = try fb.uint64(entry, 1), size = try fb.uint64(entry, 2)
            if offset != 0 || size != 0 {
                throw .unsupportedFeature(path: path, feature: "buffers stored outside the flatbuffer (models over 2 GB)")
            }
            data.append(try fb.byteRange(entry, 0))
        }
        bufferData = data

        var codes: [(code: Int, custom: String?, version: Int)] = []
        for entry in try fb.tables(model, 1) {
            let deprecated = Int(try fb.int8(entry, 0))
            let builtin = Int(try fb.int32(entry, 3))
            codes.append((max(deprecated, builtin), try fb.string(entry, 1), Int(try fb.int32(entry, 2, default: 1))))
        }

        let subgraphs = try fb.tables(model, 2)
        guard let graph = subgraphs.first else { throw fb.malformed("the model has no subgraph") }
        var tensors: [TensorEntry] = []
        for entry in try fb.tables(graph, 0) {
            tensors.append(try Self.tensor(entry, fb: fb, bufferCount: data.count, index: tensors.count))
        }
        self.tensors = tensors
        func indices(_ values: [Int32]?, _ what: String, optional: Bool = false) throws(InferenceError) -> [Int] {
            var result: [Int] = []
            for value in values ?? [] {
                let index = Int(value)
                guard (index >= 0 || (optional && index == -1)) && index < tensors.count else {
                    throw fb.malformed("\(what) refers to tensor \(index) but the subgraph has \(tensors.count) tensors")
                }
                result.append(index)
            }
            return result
        }
        inputs = try indices(fb.int32s(graph, 1), "the subgraph input list")
        outputs = try indices(fb.int32s(graph, 2), "the subgraph output list")

        var operators: [OperatorEntry] = []
        for entry in try fb.tables(graph, 3) {
            let node = operators.count
            let opcodeIndex = Int(try fb.uint32(entry, 0))
            guard opcodeIndex < codes.count else {
                throw fb.malformed("node \(node) uses operator code \(opcodeIndex) but the model lists \(codes.count)")
            }
            let code = codes[opcodeIndex]
            operators.append(OperatorEntry(
                code: code.code, customCode: code.custom, version: code.version,
                inputs: try indices(fb.int32s(entry, 1), "the inputs of node \(node)", optional: true),
                outputs: try indices(fb.int32s(entry, 2), "the outputs of node \(node)"),
                optionsType: try fb.uint8(entry, 3),
                options: try fb.subtable(entry, 4),
                customOptions: try fb.byteRange(entry, 5)))
        }
        self.operators = operators
    }

    private static func tensor(_ entry: FlatBuffer.Table, fb: FlatBuffer, bufferCount: Int, index: Int) throws(InferenceError) -> TensorEntry {
        let dims = try fb.int32s(entry, 0) ?? []
        var count = 1
        for dim in dims {
            let (product, overflow) = count.multipliedReportingOverflow(by: Int(dim))
            guard dim >= 0, !overflow, product <= maximumElements else {
                throw fb.malformed("tensor \(index) has shape \(dims), which is negative or too large")
            }
            count = product
        }
        let bufferIndex = Int(try fb.uint32(entry, 2))
        guard bufferIndex < max(bufferCount, 1) else {
            throw fb.malformed("tensor \(index) refers to buffer \(bufferIndex) but the model has \(bufferCount)")
        }
        var sparsity: Sparsity?
        if let table = try fb.subtable(entry, 6) {
            sparsity = try Self.sparsity(table, fb: fb)
        }
        return TensorEntry(shape: dims.map { Int($0) }, elementCount: count, rawType: try fb.int8(entry, 1),
                           buffer: bufferIndex, name: try fb.string(entry, 3) ?? "", sparsity: sparsity)
    }

    private static func sparsity(_ table: FlatBuffer.Table, fb: FlatBuffer) throws(InferenceError) -> Sparsity {
        var dimensions: [Dimension] = []
        for level in try fb.tables(table, 2) {
            if try fb.int8(level, 0) == 0 {
                dimensions.append(.dense(size: Int(try fb.int32(level, 1))))
            } else {
                dimensions.append(.compressed(segments: try indexVector(level, 2, fb: fb),
                                              indices: try indexVector(level, 4, fb: fb)))
            }
        }
        return Sparsity(traversalOrder: (try fb.int32s(table, 0) ?? []).map { Int($0) },
                        blockMap: (try fb.int32s(table, 1) ?? []).map { Int($0) },
                        dimensions: dimensions)
    }

    /// Reads a `SparseIndexVector` union (tag at `id`, table at `id + 1`): Int32, Uint16 or Uint8 values.
    private static func indexVector(_ level: FlatBuffer.Table, _ id: Int, fb: FlatBuffer) throws(InferenceError) -> [Int] {
        let tag = try fb.uint8(level, id)
        guard let table = try fb.subtable(level, id + 1) else { throw fb.malformed("a sparse dimension lacks its index vector") }
        let size: Int
        switch tag {
        case 1: size = 4
        case 2: size = 2
        case 3: size = 1
        default: throw fb.malformed("a sparse index vector has unknown type \(tag)")
        }
        guard let (start, count) = try fb.vector(table, 0, elementSize: size) else { return [] }
        let bytes = fb.bytes
        return (0..<count).map { i in
            let p = start + i * size
            switch size {
            case 1: return Int(bytes[p])
            case 2: return Int(bytes[p]) | Int(bytes[p + 1]) << 8
            default: return Int(Int32(bitPattern: UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24))
            }
        }
    }

    /// The raw bytes of tensor `index`'s constant buffer, or nil when it has none.
    func constantBytes(_ index: Int) -> ArraySlice<UInt8>? {
        let entry = tensors[index]
        guard entry.buffer > 0, entry.buffer < bufferData.count, let range = bufferData[entry.buffer], !range.isEmpty else { return nil }
        return buffer.bytes[range]
    }
}
