import CIsal

/// ISA-L's igzip whole-buffer zlib compression and its CRC-32, as the PNG writer needs them.
/// igzip's levels are 0...3; level 2 compresses a studio cut-out's filtered rows 2.3× faster than
/// libdeflate's level 1, the fastest before (28 against 65 ms), for 3 % more bytes (BENCHMARKS.md,
/// 2026-11-29).
enum Deflate {
    /// The compression levels igzip offers.
    static let levels = 0...3

    /// `input` as one zlib stream (RFC 1950) at igzip `level` 0...3.
    static func zlib(_ input: UnsafeRawBufferPointer, level: Int, source: String) throws(ImagingError) -> [UInt8] {
        guard levels.contains(level) else {
            throw .invalidParameter(name: "compression level", expected: "0...3", received: String(level))
        }
        // One call takes at most 4 GiB; a PNG chunk holds at most 2 GiB, which more input rarely fits.
        guard input.count < Int(UInt32.max) / 2 else {
            throw .operationFailed(operation: "PNG writer", source: source, detail: "the image has more than 2 GiB of samples, more than one PNG can hold")
        }
        // Room for data that does not compress: level 0 codes it with igzip's fixed tables, which
        // grow noise by about a quarter (the other levels fit their codes to the data); plus block
        // headers, the zlib header and checksum. Pages of the buffer never written cost nothing.
        let bound = input.count + input.count / 2 + 1024
        let workSize = Int(echt_isal_level_buffer_size(Int32(level)))
        let work = UnsafeMutablePointer<UInt8>.allocate(capacity: max(workSize, 1))
        defer { work.deallocate() }
        var finished = false
        // igzip writes the stream's bytes; the rest of the bound-sized buffer is never read.
        let output = [UInt8](unsafeUninitializedCapacity: bound) { out, count in
            var stream = isal_zstream()
            isal_deflate_init(&stream)
            stream.level = UInt32(level)
            stream.level_buf = work
            stream.level_buf_size = UInt32(workSize)
            stream.gzip_flag = UInt16(IGZIP_ZLIB)
            stream.end_of_stream = 1
            stream.flush = UInt16(NO_FLUSH)
            // igzip only reads the input, though its field is not const.
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
            stream.avail_in = UInt32(input.count)
            stream.next_out = out.baseAddress
            stream.avail_out = UInt32(out.count)
            // igzip may stop before the end of the input (level 0 does, in steps); it is called
            // again until the stream has ended, an error occurs or the output is full.
            var status = COMP_OK
            repeat {
                status = isal_deflate(&stream)
            } while status == COMP_OK && stream.internal_state.state != ZSTATE_END && stream.avail_out > 0
            finished = status == COMP_OK && stream.internal_state.state == ZSTATE_END
            count = finished ? Int(stream.total_out) : 0
        }
        guard finished else {
            throw .operationFailed(operation: "igzip", source: source, detail: "compression did not finish within its bound")
        }
        return output
    }

    /// The CRC-32 (ISO 3309, as PNG and zlib use) of `bytes`, continuing from `crc`.
    static func crc32(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
        return crc32_gzip_refl(crc, base.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
    }
}
