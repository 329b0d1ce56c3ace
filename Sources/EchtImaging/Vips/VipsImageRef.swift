import CVipsShim
import Foundation

/// An owned reference to a libvips image; every operation returns a new reference.
///
/// `source` names the file (or in-memory source) the pipeline started from, so errors can
/// name it. Every failing call reads and clears libvips' error buffer.
final class VipsImageRef {
    let pointer: OpaquePointer
    let source: String

    init(pointer: OpaquePointer, source: String) {
        self.pointer = pointer
        self.source = source
    }

    deinit { echt_image_unref(pointer) }

    /// Runs a shim call that produces a new image, wrapping a failure as `ImagingError`.
    static func make(_ operation: String, source: String,
                     _ call: (UnsafeMutablePointer<OpaquePointer?>) -> Int32) throws(ImagingError) -> VipsImageRef {
        var output: OpaquePointer?
        let status = call(&output)
        guard status == 0, let output else {
            if let output { echt_image_unref(output) }
            throw .operationFailed(operation: operation, source: source, detail: VipsRuntime.takeError())
        }
        return VipsImageRef(pointer: output, source: source)
    }

    /// Applies a shim operation to this image.
    func apply(_ operation: String,
               _ call: (OpaquePointer, UnsafeMutablePointer<OpaquePointer?>) -> Int32) throws(ImagingError) -> VipsImageRef {
        try Self.make(operation, source: source) { call(pointer, $0) }
    }

    // MARK: Creating

    /// Wraps a copy of raw interleaved samples.
    static func fromMemory(_ bytes: UnsafeRawBufferPointer, width: Int, height: Int, bands: Int,
                           format: Int32, interpretation: Int32, source: String) throws(ImagingError) -> VipsImageRef {
        try VipsRuntime.start()
        return try make("new_from_memory", source: source) {
            echt_image_from_memory(bytes.baseAddress, bytes.count, Int32(width), Int32(height), Int32(bands),
                                   format, interpretation, $0)
        }
    }

    /// Wraps a copy of `Float` samples.
    static func fromFloats(_ samples: [Float], width: Int, height: Int, bands: Int,
                           interpretation: Int32, source: String) throws(ImagingError) -> VipsImageRef {
        let result: Result<VipsImageRef, ImagingError> = samples.withUnsafeBytes { bytes in
            Result { () throws(ImagingError) in
                try fromMemory(bytes, width: width, height: height, bands: bands,
                               format: Int32(ECHT_FORMAT_FLOAT), interpretation: interpretation, source: source)
            }
        }
        return try result.get()
    }

    // MARK: Header

    var width: Int { Int(echt_image_width(pointer)) }
    var height: Int { Int(echt_image_height(pointer)) }
    var bands: Int { Int(echt_image_bands(pointer)) }
    /// The horizontal resolution the file states, in pixels per inch (libvips' reading: 72 for a
    /// JPEG stating none).
    var pixelsPerInch: Double { echt_image_xres(pointer) * 25.4 }
    var format: Int32 { echt_image_format(pointer) }
    var interpretation: Int32 { echt_image_interpretation(pointer) }

    func int(_ name: String) -> Int? {
        var value: Int32 = 0
        return echt_image_get_int(pointer, name, &value) == 0 ? Int(value) : nil
    }

    func string(_ name: String) -> String? {
        var value: UnsafePointer<CChar>?
        guard echt_image_get_string(pointer, name, &value) == 0, let value else {
            _ = VipsRuntime.takeError()
            return nil
        }
        return String(cString: value)
    }

    func blob(_ name: String) -> Data? {
        var data: UnsafeRawPointer?
        var length = 0
        guard echt_image_get_blob(pointer, name, &data, &length) == 0, let data else { return nil }
        return Data(bytes: data, count: length)
    }

    var fieldNames: [String] {
        guard let names = echt_image_field_names(pointer) else { return [] }
        defer { echt_strfreev(names) }
        var result: [String] = []
        var index = 0
        while let name = names[index] {
            result.append(String(cString: name))
            index += 1
        }
        return result
    }

    func set(_ name: String, string value: String) { echt_image_set_string(pointer, name, value) }
    func set(_ name: String, int value: Int) { echt_image_set_int(pointer, name, Int32(value)) }
    /// Sets the resolution savers write, in pixels per inch (on an image made here, not shared).
    func setResolution(pixelsPerInch: Double) {
        echt_image_set_resolution(pointer, pixelsPerInch / 25.4, pixelsPerInch / 25.4)
    }
    func set(_ name: String, blob value: Data) {
        value.withUnsafeBytes { echt_image_set_blob(pointer, name, $0.baseAddress, $0.count) }
    }
    @discardableResult func remove(_ name: String) -> Bool { echt_image_remove(pointer, name) == 1 }

    // MARK: Operations

    /// A copy with its own metadata table (fields may then be set without touching `self`).
    func copy() throws(ImagingError) -> VipsImageRef { try apply("copy") { echt_copy($0, $1) } }
    func withInterpretation(_ interpretation: Int32) throws(ImagingError) -> VipsImageRef {
        try apply("copy") { echt_copy_interpretation($0, interpretation, $1) }
    }
    func autorotated() throws(ImagingError) -> VipsImageRef { try apply("autorot") { echt_autorot($0, $1) } }
    func iccImported(fallbackProfile: String?) throws(ImagingError) -> VipsImageRef {
        try apply("icc_import") { echt_icc_import($0, fallbackProfile, Int32(ECHT_INTENT_RELATIVE), $1) }
    }
    func iccTransformed(to profile: String, from inputProfile: String? = nil, depth: Int = 8) throws(ImagingError) -> VipsImageRef {
        try apply("icc_transform") {
            echt_icc_transform($0, profile, inputProfile, Int32(ECHT_INTENT_RELATIVE), Int32(depth), $1)
        }
    }
    func colourspace(_ space: Int32) throws(ImagingError) -> VipsImageRef {
        try apply("colourspace") { echt_colourspace($0, space, $1) }
    }
    func cast(_ format: Int32) throws(ImagingError) -> VipsImageRef { try apply("cast") { echt_cast($0, format, $1) } }
    func bands(from band: Int, count: Int) throws(ImagingError) -> VipsImageRef {
        try apply("extract_band") { echt_extract_band($0, Int32(band), Int32(count), $1) }
    }
    func joined(with other: VipsImageRef) throws(ImagingError) -> VipsImageRef {
        try apply("bandjoin") { echt_bandjoin2($0, other.pointer, $1) }
    }
    func resized(horizontal: Double, vertical: Double, kernel: Int32) throws(ImagingError) -> VipsImageRef {
        try apply("resize") { echt_resize($0, horizontal, vertical, kernel, $1) }
    }
    func blurred(sigma: Double, minAmplitude: Double) throws(ImagingError) -> VipsImageRef {
        try apply("gaussblur") { echt_gaussblur($0, sigma, minAmplitude, $1) }
    }

    // MARK: Pixels

    /// Computes the pixels and hands the raw bytes to `body`.
    func withPixels<T>(_ body: (UnsafeRawBufferPointer) -> T) throws(ImagingError) -> T {
        var length = 0
        guard let memory = echt_image_write_to_memory(pointer, &length) else {
            throw .damaged(path: source, detail: VipsRuntime.takeError())
        }
        defer { echt_free(memory) }
        return body(UnsafeRawBufferPointer(start: memory, count: length))
    }

    /// The pixels as `Float` samples (the image must already be float).
    func floatPixels() throws(ImagingError) -> [Float] {
        try withPixels { raw in Array(raw.bindMemory(to: Float.self)) }
    }
}
