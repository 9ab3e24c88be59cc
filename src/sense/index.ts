// Public interface of the sense stage (see ../../README.md, architecture).
export {};
