import CVipsShim
import Foundation

/// Reading image files: header facts, and pixels in the working space.
///
/// Order of work for every decode: check the file exists and is not empty; find a loader
/// (else `.notAnImage`); read the header only; refuse more than `maxPixels`; apply the EXIF
/// orientation; convert through the embedded ICC profile (untagged means sRGB) to linear
/// light with sRGB primaries (`Image`'s working space).
public enum ImageFile {
    /// Header facts of a file, without decoding its pixels.
    public static func info(contentsOf url: URL, options: DecodeOptions = DecodeOptions()) throws(ImagingError) -> ImageInfo {
        try open(url, options: options).info
    }

    /// Decodes a file into upright working-space pixels.
    /// An upright file whose pixels are read once (no alpha band to read apart) is reopened for
    /// sequential access: the decoder then streams its rows into the conversion instead of
    /// filling a whole-image buffer first (the same pixels, less memory and copying).
    /// A JPEG whose data libjpeg finds corrupt but decodes around (a stripe, grey blocks) is
    /// read as such, with the decoder's words in `DecodedImage.damage`.
    public static func decode(contentsOf url: URL, options: DecodeOptions = DecodeOptions()) throws(ImagingError) -> DecodedImage {
        let opened = try open(url, options: options)
        guard opened.info.format == .jpeg else { return try pixels(of: opened, url: url, failOn: ECHT_FAIL_ON_ERROR) }
        do { return try pixels(of: opened, url: url, failOn: ECHT_FAIL_ON_WARNING) } catch {
            var decoded = try pixels(of: opened, url: url, failOn: ECHT_FAIL_ON_ERROR)
            switch error {
            case let .operationFailed(_, _, detail), let .damaged(_, detail):
                decoded.damage = detail.replacingOccurrences(of: "VipsJpeg: ", with: "")
            default: decoded.damage = error.description
            }
            return decoded
        }
    }

    /// The pixels of an opened file, loaded again with `failOn` where that differs from the
    /// opening's (libvips' `fail_on` level).
    private static func pixels(of opened: Opened, url: URL, failOn: Int) throws(ImagingError) -> DecodedImage {
        let path = url.path
        var pixels = opened.vips
        if opened.info.orientation == 1, WorkingSpaceConversion.readsPixelsOnce(opened.vips) {
            pixels = try VipsImageRef.make("load", source: path) { echt_load_file_sequential(path, Int32(failOn), $0) }
        } else if failOn != ECHT_FAIL_ON_ERROR {
            pixels = try VipsImageRef.make("load", source: path) { echt_load_file(path, Int32(failOn), $0) }
        }
        return DecodedImage(image: try WorkingSpaceConversion.image(from: pixels), info: opened.info)
    }

    /// Decodes encoded bytes held in memory; `name` stands in for the file name in errors.
    public static func decode(data: Data, name: String = "image data", options: DecodeOptions = DecodeOptions()) throws(ImagingError) -> DecodedImage {
        let opened = try open(data: data, name: name, options: options)
        return DecodedImage(image: try WorkingSpaceConversion.image(from: opened.vips), info: opened.info)
    }

    // MARK: Opening

    struct Opened {
        let vips: VipsImageRef
        let info: ImageInfo
    }

    static func open(_ url: URL, options: DecodeOptions) throws(ImagingError) -> Opened {
        try VipsRuntime.start()
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .fileNotFound(path: path) }
        if isDirectory.boolValue { throw .readFailed(path: path, detail: "it is a folder, not a file") }
        let bytes: Data
        do { bytes = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw .readFailed(path: path, detail: SystemReason.text(for: error))
        }
        guard !bytes.isEmpty else { throw .emptyFile(path: path) }
        guard let loaderName = echt_find_loader(path) else {
            _ = VipsRuntime.takeError()
            throw .notAnImage(path: path)
        }
        let loader = String(cString: loaderName)
        let image: VipsImageRef
        do {
            image = try VipsImageRef.make("load", source: path) { echt_load_file(path, Int32(ECHT_FAIL_ON_ERROR), $0) }
        } catch {
            throw damaged(error, path: path)
        }
        return try opened(image, loader: loader, bytes: bytes, path: path, options: options)
    }

    static func open(data: Data, name: String, options: DecodeOptions) throws(ImagingError) -> Opened {
        try VipsRuntime.start()
        guard !data.isEmpty else { throw .emptyFile(path: name) }
        let found = data.withUnsafeBytes { echt_find_loader_buffer($0.baseAddress, $0.count) }
        guard let found else {
            _ = VipsRuntime.takeError()
            throw .notAnImage(path: name)
        }
        let loader = String(cString: found)
        let loaded: Result<VipsImageRef, ImagingError> = data.withUnsafeBytes { raw in
            Result { () throws(ImagingError) in
                try VipsImageRef.make("load", source: name) {
                    echt_load_buffer(raw.baseAddress, raw.count, Int32(ECHT_FAIL_ON_ERROR), $0)
                }
            }
        }
        let image: VipsImageRef
        do { image = try loaded.get() } catch { throw damaged(error, path: name) }
        return try opened(image, loader: loader, bytes: data, path: name, options: options)
    }

    private static func opened(_ image: VipsImageRef, loader: String, bytes: Data, path: String,
                               options: DecodeOptions) throws(ImagingError) -> Opened {
        let (width, height) = (image.width, image.height)
        guard width > 0, height > 0 else { throw .damaged(path: path, detail: "the header gives a size of \(width)x\(height)") }
        if width * height > options.maxPixels {
            throw .tooManyPixels(path: path, width: width, height: height, limit: options.maxPixels)
        }
        let loaderName = (image.string("vips-loader") ?? loader).replacingOccurrences(of: "_buffer", with: "")
        let info = ImageInfo(
            path: path,
            format: ImageFormat(loader: loaderName),
            loader: loaderName,
            width: width,
            height: height,
            channels: image.bands,
            bitDepth: bitDepth(of: image.format),
            colourModel: colourModel(of: image.interpretation, bands: image.bands),
            orientation: (1...8).contains(image.int("orientation") ?? 1) ? image.int("orientation") ?? 1 : 1,
            iccProfileDescription: image.blob("icc-profile-data").map { ICCProfile.description(of: $0) ?? "unnamed ICC profile" },
            metadata: ExifFields.metadata(of: image),
            hasGPS: ExifFields.hasGPS(image),
            hasC2PAManifest: C2PAScanner.containsManifest(bytes),
            pixelsPerInch: image.pixelsPerInch
        )
        return Opened(vips: image, info: info)
    }

    /// A loader recognised the file but could not read it: the file is damaged.
    private static func damaged(_ error: ImagingError, path: String) -> ImagingError {
        if case .operationFailed(_, _, let detail) = error { return .damaged(path: path, detail: detail) }
        return error
    }

    private static func bitDepth(of format: Int32) -> Int {
        switch Int(format) {
        case Int(ECHT_FORMAT_UCHAR), Int(ECHT_FORMAT_CHAR): 8
        case Int(ECHT_FORMAT_USHORT), Int(ECHT_FORMAT_SHORT): 16
        case Int(ECHT_FORMAT_DOUBLE): 64
        default: 32
        }
    }

    private static func colourModel(of interpretation: Int32, bands: Int) -> String {
        switch Int(interpretation) {
        case Int(ECHT_INTERPRETATION_CMYK): "cmyk"
        case Int(ECHT_INTERPRETATION_B_W), Int(ECHT_INTERPRETATION_GREY16): "grey"
        case Int(ECHT_INTERPRETATION_sRGB), Int(ECHT_INTERPRETATION_RGB16), Int(ECHT_INTERPRETATION_scRGB): "rgb"
        case Int(ECHT_INTERPRETATION_LAB): "lab"
        default: bands <= 2 ? "grey" : "rgb"
        }
    }
}
