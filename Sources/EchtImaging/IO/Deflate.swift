import CDeflate

/// libdeflate's whole-buffer zlib compression and CRC-32, as the PNG writer needs them.
enum Deflate {
    /// `input` as one zlib stream (RFC 1950) at libdeflate `level` 0...12.
    static func zlib(_ input: UnsafeRawBufferPointer, level: Int, source: String) throws(ImagingError) -> [UInt8] {
        guard (0...12).contains(level) else {
            throw .invalidParameter(name: "compression level", expected: "0...12", received: String(level))
        }
        guard let compressor = libdeflate_alloc_compressor(Int32(level)) else {
            throw .operationFailed(operation: "libdeflate", source: source, detail: "out of memory for the compressor")
        }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_zlib_compress_bound(compressor, input.count)
        var written = 0
        // libdeflate writes the stream's bytes; the rest of the bound-sized buffer is never read.
        let output = [UInt8](unsafeUninitializedCapacity: bound) { out, count in
            written = libdeflate_zlib_compress(compressor, input.baseAddress, input.count, out.baseAddress, out.count)
            count = written
        }
        // With a buffer of the bound's size libdeflate always succeeds; 0 would mean it did not fit.
        guard written > 0 else {
            throw .operationFailed(operation: "libdeflate", source: source, detail: "compressed data exceeded libdeflate's own bound")
        }
        return output
    }

    /// The CRC-32 (ISO 3309, as PNG and zlib use) of `bytes`, continuing from `crc`.
    static func crc32(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        libdeflate_crc32(crc, bytes.baseAddress, bytes.count)
    }
}
