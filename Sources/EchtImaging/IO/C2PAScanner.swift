import Foundation

/// Detects an embedded C2PA manifest store by scanning a file's container structure.
///
/// JPEG: an APP11 (0xFFEB) segment holding a JUMBF box (`jumb`) labelled `c2pa`.
/// PNG: a `caBX` chunk. Other containers report `false`.
enum C2PAScanner {
    /// Whether `bytes` carries a C2PA manifest store.
    static func containsManifest(_ bytes: Data) -> Bool {
        let data = [UInt8](bytes.prefix(64 * 1024 * 1024))
        if data.starts(with: [0xFF, 0xD8]) { return jpegHasManifest(data) }
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return pngHasManifest(data) }
        return false
    }

    private static func jpegHasManifest(_ data: [UInt8]) -> Bool {
        var offset = 2
        while offset + 4 <= data.count {
            guard data[offset] == 0xFF else { return false }
            let marker = data[offset + 1]
            if marker == 0xFF { offset += 1; continue }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { offset += 2; continue }
            if marker == 0xDA || marker == 0xD9 { return false }
            let length = Int(data[offset + 2]) << 8 | Int(data[offset + 3])
            guard length >= 2, offset + 2 + length <= data.count else { return false }
            if marker == 0xEB {
                let payload = data[(offset + 4)..<(offset + 2 + length)]
                if payload.starts(with: [0x4A, 0x50]) && contains(payload, "jumb") && contains(payload, "c2pa") {
                    return true
                }
            }
            offset += 2 + length
        }
        return false
    }

    private static func pngHasManifest(_ data: [UInt8]) -> Bool {
        var offset = 8
        while offset + 8 <= data.count {
            let length = data[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: data[(offset + 4)..<(offset + 8)], as: UTF8.self)
            if type == "caBX" { return true }
            if type == "IEND" { return false }
            offset += 12 + length
        }
        return false
    }

    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard haystack.count >= pattern.count else { return false }
        var index = haystack.startIndex
        while index + pattern.count <= haystack.endIndex {
            if haystack[index..<(index + pattern.count)].elementsEqual(pattern) { return true }
            index += 1
        }
        return false
    }
}
