/// Namespace marker for the EchtStudio module.
public enum EchtStudioModule {
    /// The module's name, for diagnostics.
    public static let name = "EchtStudio"
}
