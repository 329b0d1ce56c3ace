/// The EXIF fields Echt reads from an input and may carry into an output.
///
/// Only these fields travel: camera, capture date and (when explicitly kept) the location.
/// Everything else in the input's EXIF (serial numbers, thumbnails, maker notes) is dropped.
public struct ImageMetadata: Sendable, Equatable, Codable {
    /// EXIF `Make`, e.g. "Canon".
    public var cameraMake: String?
    /// EXIF `Model`, e.g. "EOS R6".
    public var cameraModel: String?
    /// EXIF `DateTimeOriginal` (falling back to `DateTime`) as written, "YYYY:MM:DD HH:MM:SS".
    public var captureDate: String?
    /// Where the photo was taken, when the file carries GPS coordinates.
    public var location: GPSLocation?

    /// Creates metadata; every field defaults to absent.
    public init(cameraMake: String? = nil, cameraModel: String? = nil, captureDate: String? = nil,
                location: GPSLocation? = nil) {
        self.cameraMake = cameraMake
        self.cameraModel = cameraModel
        self.captureDate = captureDate
        self.location = location
    }
}

/// A position in decimal degrees (north and east positive).
public struct GPSLocation: Sendable, Equatable, Codable {
    /// Latitude in degrees, -90...90.
    public var latitude: Double
    /// Longitude in degrees, -180...180.
    public var longitude: Double

    /// Creates a location from decimal degrees.
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}
