/// Namespace marker for the EchtImaging module.
public enum EchtImagingModule {
    /// The module's name, for diagnostics.
    public static let name = "EchtImaging"
}
