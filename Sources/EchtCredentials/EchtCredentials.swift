/// Namespace marker for the EchtCredentials module.
public enum EchtCredentialsModule {
    /// The module's name, for diagnostics.
    public static let name = "EchtCredentials"
}
