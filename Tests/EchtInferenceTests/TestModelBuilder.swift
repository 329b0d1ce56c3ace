import Foundation

/// A minimal FlatBuffer writer for building tiny `.tflite` models inside tests.
///
/// Objects are written parent first; every reference points forward, as FlatBuffers requires.
indirect enum FlatValue {
    /// A table; `nil` fields are absent.
    case table([FlatField?])
    case tables([FlatValue])
    case int32s([Int32])
    case bytes([UInt8])
    case string(String)
}

enum FlatField {
    case u8(UInt8), i8(Int8), i32(Int32), u32(UInt32), reference(FlatValue)
}

struct FlatWriter {
    var bytes: [UInt8] = []

    mutating func align(_ n: Int) { while bytes.count % n != 0 { bytes.append(0) } }
    mutating func put32(_ v: UInt32) { bytes += withUnsafeBytes(of: v.littleEndian, Array.init) }
    mutating func patch32(_ at: Int, _ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { for i in 0..<4 { bytes[at + i] = $0[i] } }
    }

    /// Writes `value` and returns its position.
    mutating func write(_ value: FlatValue) -> Int {
        switch value {
        case .table(let fields):
            align(4)
            let vtable = bytes.count
            let vtableSize = 4 + 2 * fields.count
            bytes += [UInt8](repeating: 0, count: vtableSize + (vtableSize % 4 == 0 ? 0 : 2))
            let table = bytes.count
            put32(UInt32(table - vtable))
            var pending: [(Int, FlatValue)] = []
            for (id, field) in fields.enumerated() {
                guard let field else { continue }
                let offset = bytes.count - table
                bytes[vtable + 4 + 2 * id] = UInt8(offset & 0xff)
                bytes[vtable + 5 + 2 * id] = UInt8(offset >> 8)
                switch field {
                case .u8(let v): put32(UInt32(v))
                case .i8(let v): put32(UInt32(UInt8(bitPattern: v)))
                case .i32(let v): put32(UInt32(bitPattern: v))
                case .u32(let v): put32(v)
                case .reference(let child):
                    pending.append((bytes.count, child))
                    put32(0)
                }
            }
            bytes[vtable] = UInt8(vtableSize & 0xff); bytes[vtable + 1] = UInt8(vtableSize >> 8)
            let tableSize = bytes.count - table
            bytes[vtable + 2] = UInt8(tableSize & 0xff); bytes[vtable + 3] = UInt8(tableSize >> 8)
            for (slot, child) in pending { patch32(slot, UInt32(write(child) - slot)) }
            return table
        case .tables(let children):
            align(4)
            let start = bytes.count
            put32(UInt32(children.count))
            let slots = (0..<children.count).map { _ in let s = bytes.count; put32(0); return s }
            for (slot, child) in zip(slots, children) { patch32(slot, UInt32(write(child) - slot)) }
            return start
        case .int32s(let values):
            align(4)
            let start = bytes.count
            put32(UInt32(values.count))
            for v in values { put32(UInt32(bitPattern: v)) }
            return start
        case .bytes(let values):
            align(16)
            bytes += [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
            let start = bytes.count
            put32(UInt32(values.count))
            bytes += values
            return start
        case .string(let text):
            align(4)
            let start = bytes.count
            put32(UInt32(text.utf8.count))
            bytes += Array(text.utf8) + [0]
            return start
        }
    }
}

/// Describes a one-subgraph float model to be serialised as a `.tflite` file.
struct TestModel {
    struct TensorSpec {
        var shape: [Int]
        var type: Int8 = 0
        var data: [UInt8]? = nil
    }
    struct OperatorSpec {
        var code: Int
        var custom: String? = nil
        var inputs: [Int]
        var outputs: [Int]
        var optionsType: UInt8 = 0
        var options: [FlatField?]? = nil
        var customOptions: [UInt8]? = nil
        var version: Int32 = 1
    }

    var tensors: [TensorSpec]
    var operators: [OperatorSpec]
    var inputs: [Int]
    var outputs: [Int]

    static func floats(_ values: [Float]) -> [UInt8] {
        values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
    }

    static func int32s(_ values: [Int]) -> [UInt8] {
        values.flatMap { withUnsafeBytes(of: Int32($0).littleEndian, Array.init) }
    }

    /// The serialised `.tflite` bytes (each operator gets its own operator code entry).
    var bytes: [UInt8] {
        var buffers: [FlatValue] = [.table([])]
        var tensorTables: [FlatValue] = []
        for tensor in tensors {
            var bufferIndex: UInt32 = 0
            if let data = tensor.data {
                bufferIndex = UInt32(buffers.count)
                buffers.append(.table([.reference(.bytes(data))]))
            }
            tensorTables.append(.table([.reference(.int32s(tensor.shape.map { Int32($0) })), .i8(tensor.type), .u32(bufferIndex),
                                        .reference(.string("t\(tensorTables.count)"))]))
        }
        let codes: [FlatValue] = operators.map { op in
            .table([.i8(Int8(min(op.code, 127))), op.custom.map { .reference(.string($0)) }, .i32(op.version), .i32(Int32(op.code))])
        }
        let ops: [FlatValue] = operators.enumerated().map { index, op in
            .table([.u32(UInt32(index)), .reference(.int32s(op.inputs.map { Int32($0) })), .reference(.int32s(op.outputs.map { Int32($0) })),
                    .u8(op.optionsType), op.options.map { .reference(.table($0)) }, op.customOptions.map { .reference(.bytes($0)) }])
        }
        let subgraph = FlatValue.table([.reference(.tables(tensorTables)), .reference(.int32s(inputs.map { Int32($0) })),
                                        .reference(.int32s(outputs.map { Int32($0) })), .reference(.tables(ops))])
        let model = FlatValue.table([.u32(3), .reference(.tables(codes)), .reference(.tables([subgraph])), nil, .reference(.tables(buffers))])
        var writer = FlatWriter()
        writer.bytes = [0, 0, 0, 0] + Array("TFL3".utf8)
        let root = writer.write(model)
        writer.patch32(0, UInt32(root))
        return writer.bytes
    }
}
