import Foundation

/// Reads the human-readable description out of an ICC profile's bytes.
enum ICCProfile {
    /// The `desc` tag's text (ICC v2 `desc` or v4 `mluc`), or `nil` when absent or malformed.
    static func description(of profile: Data) -> String? {
        let bytes = [UInt8](profile)
        guard bytes.count >= 132 else { return nil }
        let tagCount = Int(readUInt32(bytes, 128))
        for index in 0..<min(tagCount, 200) {
            let entry = 132 + index * 12
            guard entry + 12 <= bytes.count else { return nil }
            guard readUInt32(bytes, entry) == fourCC("desc") else { continue }
            let offset = Int(readUInt32(bytes, entry + 4))
            let size = Int(readUInt32(bytes, entry + 8))
            guard offset >= 0, size >= 12, offset + size <= bytes.count else { return nil }
            return text(in: Array(bytes[offset..<(offset + size)]))
        }
        return nil
    }

    /// The signatures of the profile's tags (empty when its tag table is malformed).
    static func tagSignatures(of profile: Data) -> Set<String> {
        let bytes = [UInt8](profile)
        guard bytes.count >= 132 else { return [] }
        let tagCount = Int(readUInt32(bytes, 128))
        guard tagCount <= 200, 132 + tagCount * 12 <= bytes.count else { return [] }
        return Set((0..<tagCount).map { String(decoding: bytes[(132 + $0 * 12)..<(136 + $0 * 12)], as: UTF8.self) })
    }

    /// Whether an RGB profile describes its colours by three curves and a matrix only (the
    /// `rXYZ`…`bTRC` tags, and no `A2B` lookup tables, which lcms would prefer): a pixel's colour
    /// is then the sum of what each channel alone gives.
    static func isMatrixShaper(_ profile: Data) -> Bool {
        let bytes = [UInt8](profile.prefix(24))
        guard bytes.count == 24, readUInt32(bytes, 16) == fourCC("RGB ") else { return false }
        let tags = tagSignatures(of: profile)
        return ["rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"].allSatisfy(tags.contains)
            && !["A2B0", "A2B1", "A2B2", "D2B0", "D2B1", "D2B2"].contains(where: tags.contains)
    }

    /// Whether the profile is a flavour of sRGB (by its description, e.g. "sRGB IEC61966-2.1").
    static func describesSRGB(_ profile: Data) -> Bool {
        guard let name = description(of: profile)?.lowercased() else { return false }
        return name.contains("srgb") && !name.contains("esrgb")
    }

    private static func text(in tag: [UInt8]) -> String? {
        let type = readUInt32(tag, 0)
        if type == fourCC("desc") {
            // textDescriptionType: 8 bytes header, uint32 ASCII count (including NUL), ASCII.
            let count = Int(readUInt32(tag, 8))
            guard count > 0, 12 + count <= tag.count else { return nil }
            let ascii = tag[12..<(12 + count)].prefix { $0 != 0 }
            return String(decoding: ascii, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
        if type == fourCC("mluc") {
            // multiLocalizedUnicodeType: first record's UTF-16BE string.
            guard tag.count >= 28, readUInt32(tag, 8) > 0 else { return nil }
            let length = Int(readUInt32(tag, 20))
            let offset = Int(readUInt32(tag, 24))
            guard offset + length <= tag.count else { return nil }
            var units: [UInt16] = []
            var i = offset
            while i + 1 < offset + length {
                units.append(UInt16(tag[i]) << 8 | UInt16(tag[i + 1]))
                i += 2
            }
            return String(decoding: units, as: UTF16.self).trimmingCharacters(in: .whitespaces.union(["\0"]))
        }
        return nil
    }

    private static func readUInt32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        guard offset + 4 <= bytes.count else { return 0 }
        return bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func fourCC(_ text: String) -> UInt32 {
        text.utf8.reduce(0) { $0 << 8 | UInt32($1) }
    }
}
