import Testing
import EchtTestSupport

@Test func EchtImagingTestsRepositoryRootIsFound() {
    #expect(Fixtures.repositoryRoot.appendingPathComponent("Package.swift").path.hasSuffix("Package.swift"))
}
