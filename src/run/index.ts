// Public interface of the run stage (see ../../README.md, architecture).
export {};
