/// A bounds-checked, read-only view of a little-endian FlatBuffer.
///
/// Every read checks its range against the byte count first, so a truncated or hostile file
/// produces `InferenceError.malformedModel` instead of an out-of-bounds access.
struct FlatBuffer: Sendable {
    /// A table inside the buffer: its position plus the vtable that locates its fields.
    struct Table: Sendable {
        let position: Int
        let vtable: Int
        let vtableSize: Int
    }

    let bytes: [UInt8]
    let path: String

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    func malformed(_ reason: String) -> InferenceError {
        .malformedModel(path: path, reason: reason)
    }

    /// Throws unless `position ..< position + size` lies inside the buffer.
    func check(_ position: Int, _ size: Int, _ what: @autoclosure () -> String) throws(InferenceError) {
        guard position >= 0, size >= 0, position <= bytes.count, size <= bytes.count - position else {
            throw malformed("\(what()) at byte \(position) (size \(size)) lies outside the \(bytes.count)-byte file")
        }
    }

    func u8(_ position: Int) throws(InferenceError) -> UInt8 {
        try check(position, 1, "a byte")
        return bytes[position]
    }

    func u16(_ position: Int) throws(InferenceError) -> UInt16 {
        try check(position, 2, "a 16-bit value")
        return UInt16(bytes[position]) | UInt16(bytes[position + 1]) << 8
    }

    func u32(_ position: Int) throws(InferenceError) -> UInt32 {
        try check(position, 4, "a 32-bit value")
        return uncheckedU32(position)
    }

    func i32(_ position: Int) throws(InferenceError) -> Int32 {
        Int32(bitPattern: try u32(position))
    }

    func u64(_ position: Int) throws(InferenceError) -> UInt64 {
        try check(position, 8, "a 64-bit value")
        return UInt64(uncheckedU32(position)) | UInt64(uncheckedU32(position + 4)) << 32
    }

    private func uncheckedU32(_ p: Int) -> UInt32 {
        UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
    }

    /// The root table, whose position is the `UInt32` at byte 0.
    func root() throws(InferenceError) -> Table {
        try table(at: Int(try u32(0)))
    }

    /// The table starting at `position`, with its vtable validated.
    func table(at position: Int) throws(InferenceError) -> Table {
        let vtable = position - Int(try i32(position))
        let vtableSize = Int(try u16(vtable))
        guard vtableSize >= 4, vtableSize % 2 == 0 else { throw malformed("a vtable at byte \(vtable) declares size \(vtableSize)") }
        try check(vtable, vtableSize, "a vtable")
        return Table(position: position, vtable: vtable, vtableSize: vtableSize)
    }

    /// The absolute position of field `id` in `table`, or nil when the field is absent.
    func fieldPosition(_ table: Table, _ id: Int) throws(InferenceError) -> Int? {
        let slot = 4 + 2 * id
        guard slot + 2 <= table.vtableSize else { return nil }
        let offset = Int(try u16(table.vtable + slot))
        return offset == 0 ? nil : table.position + offset
    }

    func uint8(_ table: Table, _ id: Int, default value: UInt8 = 0) throws(InferenceError) -> UInt8 {
        guard let p = try fieldPosition(table, id) else { return value }
        return try u8(p)
    }

    func int8(_ table: Table, _ id: Int, default value: Int8 = 0) throws(InferenceError) -> Int8 {
        Int8(bitPattern: try uint8(table, id, default: UInt8(bitPattern: value)))
    }

    func int32(_ table: Table, _ id: Int, default value: Int32 = 0) throws(InferenceError) -> Int32 {
        guard let p = try fieldPosition(table, id) else { return value }
        return try i32(p)
    }

    func uint32(_ table: Table, _ id: Int, default value: UInt32 = 0) throws(InferenceError) -> UInt32 {
        guard let p = try fieldPosition(table, id) else { return value }
        return try u32(p)
    }

    func uint64(_ table: Table, _ id: Int, default value: UInt64 = 0) throws(InferenceError) -> UInt64 {
        guard let p = try fieldPosition(table, id) else { return value }
        return try u64(p)
    }

    /// Follows the reference stored in field `id` (sub-table, vector or string).
    func reference(_ table: Table, _ id: Int) throws(InferenceError) -> Int? {
        guard let p = try fieldPosition(table, id) else { return nil }
        let target = p + Int(try u32(p))
        try check(target, 4, "a referenced object")
        return target
    }

    func subtable(_ table: Table, _ id: Int) throws(InferenceError) -> Table? {
        guard let p = try reference(table, id) else { return nil }
        return try self.table(at: p)
    }

    /// The first element position and count of the vector in field `id`, range-checked.
    func vector(_ table: Table, _ id: Int, elementSize: Int) throws(InferenceError) -> (start: Int, count: Int)? {
        guard let p = try reference(table, id) else { return nil }
        let count = Int(try u32(p))
        try check(p + 4, count * elementSize, "a vector of \(count) elements")
        return (p + 4, count)
    }

    func tables(_ table: Table, _ id: Int) throws(InferenceError) -> [Table] {
        guard let (start, count) = try vector(table, id, elementSize: 4) else { return [] }
        var result: [Table] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            let slot = start + 4 * index
            result.append(try self.table(at: slot + Int(try u32(slot))))
        }
        return result
    }

    func int32s(_ table: Table, _ id: Int) throws(InferenceError) -> [Int32]? {
        guard let (start, count) = try vector(table, id, elementSize: 4) else { return nil }
        return (0..<count).map { uncheckedU32(start + 4 * $0) }.map { Int32(bitPattern: $0) }
    }

    func byteRange(_ table: Table, _ id: Int) throws(InferenceError) -> Range<Int>? {
        guard let (start, count) = try vector(table, id, elementSize: 1) else { return nil }
        return start..<(start + count)
    }

    func string(_ table: Table, _ id: Int) throws(InferenceError) -> String? {
        guard let range = try byteRange(table, id) else { return nil }
        return String(decoding: bytes[range], as: UTF8.self)
    }
}
