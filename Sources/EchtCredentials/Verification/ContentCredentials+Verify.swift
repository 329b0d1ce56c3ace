import Foundation
import X509

extension ContentCredentials {
    /// Reads and validates the Content Credentials of a JPEG or PNG; `trustAnchorsPEM` lists CA certificates to trust.
    public static func verify(_ data: Data, trustAnchorsPEM: String? = nil, now: Date = Date()) throws(CredentialsError) -> VerificationReport {
        guard let format = AssetFormat.detect(data) else {
            throw .unsupportedFormat
        }
        let anchors = try trustAnchorsPEM.map { text throws(CredentialsError) in try CertificateCheck.anchors(fromPEM: text) } ?? []
        let embedded: EmbeddedStore?
        do { embedded = try AssetContainer.findStore(in: data, format: format) } catch {
            if case .invalidManifest = error { return invalid(error.description) }
            throw error
        }
        guard let embedded else { return VerificationReport(verdict: .absent, activeManifest: nil, manifests: [], aiDeclarations: []) }
        let store: ManifestStore
        do { store = try ManifestStore(embedded.store) } catch { return invalid(error.description) }
        let validator = ManifestValidator(store: store, certificates: CertificateCheck(anchors: anchors, now: now),
                                          asset: data, storeRange: embedded.range)
        var reports: [ManifestReport] = []
        var queue = [store.active]
        var seen = Set<String>()
        while let next = queue.first, reports.count < 64 {
            queue.removeFirst()
            guard seen.insert(next.label ?? "").inserted else { continue }
            let report = validator.validate(next, isActive: reports.isEmpty)
            reports.append(report)
            for ingredient in report.ingredients {
                if let label = ingredient.manifestLabel, let manifest = store.manifest(labelled: label) { queue.append(manifest) }
            }
        }
        let active = reports[0]
        let blocking = active.failure.filter { $0.code != "signingCredential.untrusted" }
        let verdict: Verdict = !blocking.isEmpty ? .invalid
            : active.success.contains { $0.code == "signingCredential.trusted" } ? .trusted : .untrusted
        let ai = reports.flatMap(\.actions).compactMap(\.digitalSourceType)
            .filter { DigitalSourceType(uri: $0).declaresGenerativeAI }
        return VerificationReport(verdict: verdict, activeManifest: active.label, manifests: reports,
                                  aiDeclarations: Array(Set(ai)).sorted())
    }

    private static func invalid(_ reason: String) -> VerificationReport {
        VerificationReport(verdict: .invalid, activeManifest: nil, manifests: [], aiDeclarations: [], problem: reason)
    }
}
