// Reading a rendered frame the way a user reads the screen.

/** The line that mentions `text` (a pod name, a revision…), or '' when none does. */
export function lineWith(frame: string, text: string): string {
	return frame.split('\n').find(line => line.includes(text)) ?? '';
}

/** One pane's text with borders removed and wrapped lines joined (stacked layouts only). */
export function unwrapped(frame: string): string {
	return frame
		.split('\n')
		.map(line => line.replaceAll(/[│┃║╭╮╰╯┏┓┗┛╔╗╚╝─━═]/g, ' ').trim())
		.join(' ')
		.replaceAll(/\s+/g, ' ');
}
