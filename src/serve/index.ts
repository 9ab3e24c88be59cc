// Public interface of the serve stage (see ../../README.md, architecture).
export {};
