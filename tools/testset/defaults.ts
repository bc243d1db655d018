// The test set the collection inscribes. N = 300 (75 a class): a 97% accuracy measured on it is known within ±1.93
// points at 95% (normal approximation; ±2.0 by Wilson's interval, which 280 images would miss), and its PNG is 92 KB
// as inscribed with --compress, 2.3% of a 4 MB collection (docs/format.md#the-collections-test-set).
export const TESTSET_FILE = 'testset.png';
export const TESTSET_PER_CLASS = 75;
export const TESTSET_COLUMNS = 20;
/** The committed copy the page's build names by default (its preview ID) and the tests read. */
export const TESTSET_FIXTURE = 'fixtures/testset/testset.png';
