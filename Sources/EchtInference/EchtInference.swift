/// Namespace marker for the EchtInference module.
public enum EchtInferenceModule {
    /// The module's name, for diagnostics.
    public static let name = "EchtInference"
}
