// Public interface of the geo stage (see ../../README.md, architecture).
export {};
