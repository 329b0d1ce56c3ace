import Testing
import EchtTestSupport

@Test func EchtInferenceTestsRepositoryRootIsFound() {
    #expect(Fixtures.repositoryRoot.appendingPathComponent("Package.swift").path.hasSuffix("Package.swift"))
}
