/// Who writes an 8-bit JPEG without EXIF fields (`EncodeOptions.jpegEncoder`).
public enum JPEGEncoder: Sendable, Equatable {
    /// libjpeg called directly (`JPEGWriter`): the same bytes as libvips' jpegsave, without its
    /// copy of the samples and its threaded pipeline.
    case echt
    /// libvips' jpegsave; the benchmark's floor (a libvips decode + encode) keeps it.
    case libvips
}
