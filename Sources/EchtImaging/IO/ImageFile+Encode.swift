import CVipsShim
import Foundation

extension ImageFile {
    /// Encodes working-space pixels into file bytes in memory.
    public static func encode(_ image: Image, options: EncodeOptions = EncodeOptions(), name: String = "image data") throws(ImagingError) -> Data {
        let prepared = try ImageEncoder.prepare(image, options: options, destination: name)
        var data: UnsafeMutableRawPointer?
        var length = 0
        let strip: Int32 = 0
        let quality = Int32(options.quality)
        let status: Int32
        switch options.format {
        case .jpeg: status = echt_jpegsave_buffer(prepared.pointer, &data, &length, quality, strip)
        case .png: status = echt_pngsave_buffer(prepared.pointer, &data, &length, Int32(options.bitDepth), 6, strip)
        case .webp: status = echt_webpsave_buffer(prepared.pointer, &data, &length, quality, options.lossless ? 1 : 0, strip)
        case .heic: status = echt_heifsave_buffer(prepared.pointer, &data, &length, quality, strip)
        }
        guard status == 0, let data else {
            let detail = VipsRuntime.takeError()
            if options.format == .heic || options.format == .webp {
                throw .formatUnavailable(format: options.format.rawValue.uppercased(), detail: detail)
            }
            throw .operationFailed(operation: "\(options.format.rawValue)save", source: name, detail: detail)
        }
        defer { echt_free(data) }
        return Data(bytes: data, count: length)
    }

    /// Encodes and writes atomically to `url` (format from `options`); refuses to replace an
    /// existing file unless `overwrite` is true.
    public static func write(_ image: Image, to url: URL, options: EncodeOptions = EncodeOptions(), overwrite: Bool = false) throws(ImagingError) {
        if !overwrite && FileManager.default.fileExists(atPath: url.path) { throw .outputExists(path: url.path) }
        let data = try encode(image, options: options, name: url.path)
        try AtomicFile.write(data, to: url, overwrite: overwrite)
    }
}
