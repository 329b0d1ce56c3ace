import Testing
import EchtTestSupport

@Test func EchtStudioTestsRepositoryRootIsFound() {
    #expect(Fixtures.repositoryRoot.appendingPathComponent("Package.swift").path.hasSuffix("Package.swift"))
}
