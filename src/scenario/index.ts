// Public interface of the scenario stage (see ../../README.md, architecture).
export {};
