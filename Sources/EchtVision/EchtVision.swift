/// Namespace marker for the EchtVision module.
public enum EchtVisionModule {
    /// The module's name, for diagnostics.
    public static let name = "EchtVision"
}
