// Public interface of the track stage (see ../../README.md, architecture).
export {};
