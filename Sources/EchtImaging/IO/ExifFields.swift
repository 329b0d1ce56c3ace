import Foundation

/// Reads the EXIF fields Echt cares about from libvips' "exif-ifdN-Tag" header fields.
///
/// libvips formats each field as `value (raw, Format, n components, m bytes)`; the part
/// before the final " (" is the human-readable value.
enum ExifFields {
    static let make = "exif-ifd0-Make"
    static let model = "exif-ifd0-Model"
    static let dateTime = "exif-ifd0-DateTime"
    static let dateTimeOriginal = "exif-ifd2-DateTimeOriginal"
    static let colorSpace = "exif-ifd2-ColorSpace"
    static let gpsPrefix = "exif-ifd3-"
    static let gpsLatitude = "exif-ifd3-GPSLatitude"
    static let gpsLatitudeRef = "exif-ifd3-GPSLatitudeRef"
    static let gpsLongitude = "exif-ifd3-GPSLongitude"
    static let gpsLongitudeRef = "exif-ifd3-GPSLongitudeRef"

    /// Camera, date and location from an opened image's header.
    static func metadata(of image: VipsImageRef) -> ImageMetadata {
        ImageMetadata(
            cameraMake: value(image, make),
            cameraModel: value(image, model),
            captureDate: value(image, dateTimeOriginal) ?? value(image, dateTime),
            location: location(of: image)
        )
    }

    /// Whether any GPS tag is present.
    static func hasGPS(_ image: VipsImageRef) -> Bool {
        image.fieldNames.contains { $0.hasPrefix(gpsPrefix) }
    }

    /// The readable part of a field, trimmed; `nil` when absent or blank.
    static func value(_ image: VipsImageRef, _ name: String) -> String? {
        guard let raw = image.string(name) else { return nil }
        return readable(raw)
    }

    /// Strips libvips' " (raw, Format, n components, m bytes)" suffix.
    static func readable(_ raw: String) -> String? {
        var text = Substring(raw)
        if let open = raw.range(of: " (", options: .backwards), raw.hasSuffix(")") {
            text = raw[..<open.lowerBound]
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Decimal degrees from "d, m, s" plus the N/S, E/W references.
    static func location(of image: VipsImageRef) -> GPSLocation? {
        guard let latitude = value(image, gpsLatitude).flatMap(degrees),
              let longitude = value(image, gpsLongitude).flatMap(degrees) else { return nil }
        let south = value(image, gpsLatitudeRef)?.uppercased().hasPrefix("S") ?? false
        let west = value(image, gpsLongitudeRef)?.uppercased().hasPrefix("W") ?? false
        return GPSLocation(latitude: south ? -latitude : latitude, longitude: west ? -longitude : longitude)
    }

    /// Parses degrees, minutes, seconds written as rationals ("52/1 31/1 1200/100") or
    /// decimals ("52, 31, 12.00") into decimal degrees.
    static func degrees(_ text: String) -> Double? {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { token -> Double? in
            let pieces = token.split(separator: "/")
            if pieces.count == 2, let n = Double(pieces[0]), let d = Double(pieces[1]) { return d == 0 ? nil : n / d }
            return Double(token)
        }
        guard !parts.isEmpty else { return nil }
        let weights = [1.0, 1.0 / 60, 1.0 / 3600]
        return zip(parts, weights).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
