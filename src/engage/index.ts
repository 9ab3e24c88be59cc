// Public interface of the engage stage (see ../../README.md, architecture).
export {};
